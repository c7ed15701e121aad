namespace ScalarAutograd.Rendering.Tests;

/// <summary>Graphs for the live-view tests: each returns its output; its leaves are what the sliders move.</summary>
internal static class LiveGraphs
{
    /// <summary>Every operation the engine has, arranged so that most inputs keep the output finite.</summary>
    public static Value EveryOperation()
    {
        var x = new Value(0.7, "x");
        var y = new Value(-1.3, "y");
        var z = new Value(2.1, "z");
        var a = x * y + z; a.Label = "a";
        var b = (x - z) / (y.Pow(2) + 1); b.Label = "b";
        var c = (-y).Tanh(); c.Label = "c";
        var d = z.Exp().Log(); d.Label = "d";
        var e = x.Sigmoid().Pow(y.Sigmoid()); e.Label = "e";
        var f = a.Relu(); f.Label = "f";
        var L = Value.Sum([a, b, c, d, e, f, x.Pow(3)]); L.Label = "L";
        return L;
    }

    /// <summary>The tanh neuron: o = tanh(x1·w1 + x2·w2 + b) = 0.7071.</summary>
    public static Value TanhNeuron()
    {
        var (_, _, _, _, _, n) = Lecture.Neuron();
        n.Label = "n";
        var o = n.Tanh(); o.Label = "o";
        return o;
    }

    /// <summary>A 2-input relu neuron, as an MLP's hidden unit: Σ(wᵢ·xᵢ) + b, then relu.</summary>
    public static Value ReluNeuron()
    {
        var x1 = new Value(1.0, "x1");
        var x2 = new Value(-0.5, "x2");
        var w1 = new Value(0.8, "w1");
        var w2 = new Value(0.6, "w2");
        var b = new Value(0.1, "b");
        var n = Value.Sum([w1 * x1, w2 * x2, b]); n.Label = "n";
        var o = n.Relu(); o.Label = "o";
        return o;
    }

    /// <summary>A random graph of + − * / neg relu Σ over a few leaves: the same IEEE operations in C# and the script.</summary>
    public static Value RandomArithmetic(Random rng, int operations)
    {
        var values = new List<Value>();
        for (var i = 0; i < 4; i++) values.Add(new Value(Math.Round(rng.NextDouble() * 6 - 3, 3), $"x{i + 1}"));
        Value Pick() => values[rng.Next(values.Count)];
        for (var i = 0; i < operations; i++)
        {
            values.Add(rng.Next(7) switch
            {
                0 => Pick() + Pick(),
                1 => Pick() - Pick(),
                2 => Pick() * Pick(),
                3 => Pick() / (Pick() * Pick() + 1.5),
                4 => -Pick(),
                5 => Pick().Relu(),
                _ => Value.Sum([Pick(), Pick(), Pick()]),
            });
        }
        return Value.Sum(values.Skip(values.Count - 3));
    }

    /// <summary>A layer of tanh neurons on one sample and their sum: about <paramref name="size"/> values.</summary>
    public static Value Mlp(int size)
    {
        var rng = new Random(7);
        var inputs = Enumerable.Range(0, 3).Select(i => new Value(rng.NextDouble() * 2 - 1, $"x{i + 1}")).ToArray();
        var outputs = new List<Value>();
        var count = inputs.Length;
        while (count < size - 1)
        {
            var terms = inputs.Select(x => new Value(rng.NextDouble() * 2 - 1) * x).Append(new Value(rng.NextDouble() * 2 - 1)).ToArray();
            outputs.Add(Value.Sum(terms).Tanh());
            count += 2 * inputs.Length + 3; // weights, products, bias, Σ, tanh
        }
        var L = Value.Sum(outputs); L.Label = "L";
        return L;
    }
}
