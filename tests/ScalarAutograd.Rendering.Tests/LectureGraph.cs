namespace ScalarAutograd.Rendering.Tests;

internal static class LectureGraph
{
    /// <summary>The lecture's L = (a·b + c)·f = −8, backpropagated: 7 values, 3 operations, 9 edges.</summary>
    public static Value Build()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var c = new Value(10.0, "c");
        var e = a * b; e.Label = "e";
        var d = e + c; d.Label = "d";
        var f = new Value(-2.0, "f");
        var L = d * f; L.Label = "L";
        L.Backward();
        return L;
    }
}
