namespace ScalarAutograd.Testing;

/// <summary>The lecture's example graphs (shared/reference/walkthrough.md), for every test project and the benchmarks.</summary>
internal static class Lecture
{
    /// <summary>L = (a·b + c)·f = −8, every value labelled, not yet backpropagated.</summary>
    public static (Value a, Value b, Value c, Value e, Value d, Value f, Value L) Graph()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = new Value(10.0, "c");
        var e = a * b; e.Label = "e";
        var d = e + c; d.Label = "d";
        var f = new Value(-2.0, "f");
        var L = d * f; L.Label = "L";
        return (a, b, c, e, d, f, L);
    }

    /// <summary>The same L after <c>Backward()</c>: 7 values, 3 operations, 9 edges.</summary>
    public static Value BackpropagatedL()
    {
        var L = Graph().L;
        L.Backward();
        return L;
    }

    /// <summary>
    /// The lecture's edit and re-run: L backpropagated and copied (<c>Before</c>), then a = 3, ZeroGrad() and one
    /// Backward() on the original (<c>After</c>: L = −2, b.grad = −6).
    /// </summary>
    public static (Value Before, Value After) EditedA()
    {
        var (a, _, _, _, _, _, L) = Graph();
        L.Backward();
        var before = L.Snapshot();
        a.Data = 3;
        L.ZeroGrad();
        L.Backward();
        return (before, L);
    }

    /// <summary>The tanh neuron's inputs and n = x1·w1 + x2·w2 + b = 0.8814 (o = n.Tanh() is the caller's).</summary>
    public static (Value x1, Value x2, Value w1, Value w2, Value b, Value n) Neuron()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(6.8813735870195432, "b");
        var n = x1 * w1 + x2 * w2 + b;
        return (x1, x2, w1, w2, b, n);
    }
}
