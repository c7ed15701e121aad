namespace ScalarAutograd.Nn;

/// <summary>Inputs and their targets: <c>X[i]</c> goes with <c>Y[i]</c>.</summary>
/// <param name="X">One input vector per sample.</param>
/// <param name="Y">One target per sample.</param>
public sealed record Dataset(double[][] X, double[] Y)
{
    /// <summary>How many samples.</summary>
    public int Count => X.Length;

    /// <summary>
    /// Two interleaved half circles, micrograd's (and scikit-learn's) moons: the outer one (cos t, sin t) labelled −1,
    /// the inner one (1 − cos t, 0.5 − sin t) labelled +1, t evenly spaced over [0, π], plus Gaussian noise, shuffled.
    /// The same seed gives the same points.
    /// </summary>
    public static Dataset Moons(int count = 100, double noise = 0.1, int seed = 1)
    {
        if (count < 2) throw new ArgumentException($"count must be at least 2 (got {count}).", nameof(count));
        if (!(noise >= 0)) throw new ArgumentException($"noise must be 0 or more (got {noise}).", nameof(noise));
        var random = new Random(seed);
        var outer = count / 2;
        var inner = count - outer;
        var samples = new List<(double[] X, double Y)>(count);
        for (var i = 0; i < outer; i++)
        {
            var t = Math.PI * i / Math.Max(1, outer - 1);
            samples.Add(([Math.Cos(t), Math.Sin(t)], -1.0));
        }
        for (var i = 0; i < inner; i++)
        {
            var t = Math.PI * i / Math.Max(1, inner - 1);
            samples.Add(([1 - Math.Cos(t), 0.5 - Math.Sin(t)], 1.0));
        }
        foreach (var (x, _) in samples)
        {
            x[0] += noise * Gaussian(random);
            x[1] += noise * Gaussian(random);
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(samples));
        return new Dataset([.. samples.Select(s => s.X)], [.. samples.Select(s => s.Y)]);
    }

    /// <summary>The lecture's four samples of three inputs, with targets 1, −1, −1, 1.</summary>
    public static Dataset Lecture() =>
        new([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]], [1.0, -1.0, -1.0, 1.0]);

    // Box–Muller: two uniforms make one standard normal.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
