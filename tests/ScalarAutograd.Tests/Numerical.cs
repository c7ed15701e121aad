namespace ScalarAutograd.Tests;

/// <summary>Central finite differences: the independent truth gradients are checked against.</summary>
internal static class Numerical
{
    /// <summary>(f(x + h) − f(x − h)) / 2h with h scaled to x.</summary>
    public static double Slope(Func<double, double> f, double x, double relativeStep = 1e-6)
    {
        var h = relativeStep * Math.Max(1.0, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    /// <summary>∂f/∂xᵢ by central differences, for every i.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double relativeStep = 1e-6)
    {
        var g = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var xi = x[i];
            g[i] = Slope(t => { var copy = (double[])x.Clone(); copy[i] = t; return f(copy); }, xi, relativeStep);
            x[i] = xi;
        }
        return g;
    }

    public static void AssertClose(double expected, double actual, double rtol = 1e-5, double atol = 1e-6, string what = "")
    {
        var ok = Math.Abs(expected - actual) <= atol + rtol * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(expected - actual):E3})");
    }
}
