namespace ScalarAutograd.Testing;

/// <summary>The graph shapes that are hard for Graphviz's layout, and easy ones, for the render-budget tests.</summary>
internal static class Shapes
{
    /// <summary><c>v = v + x</c> with the same x at every step: x has an edge to every step, far and near.</summary>
    public static Value ReusedLeafChain(int steps)
    {
        var x = new Value(0.5, "x");
        var v = x;
        for (var i = 0; i < steps; i++) v += x;
        return v;
    }

    /// <summary>Horner's rule: <c>v = v·x + 0.1</c>.</summary>
    public static Value Horner(int steps)
    {
        var x = new Value(0.5, "x");
        var v = x;
        for (var i = 0; i < steps; i++) v = v * x + 0.1;
        return v;
    }

    /// <summary>One Σ of <paramref name="terms"/> products.</summary>
    public static Value WideSum(int terms) => Value.Sum(Enumerable.Range(0, terms).Select(i => new Value(i) * new Value(0.5)));

    /// <summary>A chain of tanh(0.9·v).</summary>
    public static Value DeepChain(int steps)
    {
        Value v = new Value(0.3, "x");
        for (var i = 0; i < steps; i++) v = (v * 0.9).Tanh();
        return v;
    }

    /// <summary>A random DAG: each new value combines a recent one with any earlier one.</summary>
    public static Value RandomDag(int size, int seed)
    {
        var random = new Random(seed);
        var pool = new List<Value> { new(0.5, "x"), new(1.0, "y"), new(-0.5, "z") };
        for (var i = 0; i < size; i++)
        {
            var a = pool[Math.Max(0, pool.Count - 1 - random.Next(4))];
            var b = pool[random.Next(pool.Count)];
            pool.Add(random.Next(2) == 0 ? a + b : a * b);
        }
        return pool[^1];
    }
}
