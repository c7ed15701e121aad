namespace ScalarAutograd.Rendering;

/// <summary>
/// How wide each changing piece of a backprop frame must be so that it is the same size in every frame: a value's
/// grad cell, an edge's label. Graphviz lays out equal sizes identically, so nothing jumps between frames.
/// </summary>
internal sealed class FrameWidths
{
    private readonly Dictionary<Value, int> _grad = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Value, int), int> _edge = [];

    private FrameWidths()
    {
    }

    public static FrameWidths For(BackwardTrace trace, GraphOptions options)
    {
        var widths = new FrameWidths();
        for (var j = 0; j < trace.Values.Count; j++)
        {
            var v = trace.Values[j];
            var grads = trace.Frames.Select(f => f.Grads[j]).Append(null).Distinct().ToList();
            widths._grad[v] = grads.Max(g => Points(g is { } x ? "grad " + NumberText.Format(x, options.NumberFormat) : "grad ?", 12));
            var locals = v.LocalDerivatives;
            for (var i = 0; i < locals.Count; i++)
            {
                var local = locals[i];
                var width = Points(DotLook.LocalLine(v, i, local, options), 10);
                if (options.EdgeLabels == EdgeLabels.LocalDerivativeAndProduct)
                    width = Math.Max(width, grads.Max(g => Points(DotLook.ProductLine(v, local, g, options), 10)));
                widths._edge[(v, i)] = width;
            }
        }
        return widths;
    }

    /// <summary>The height of a value's row in a frame: taller than any text Graphviz measures in it ("grad ?" and
    /// "grad -2.0000" differ by a point), so every frame's rows are equal.</summary>
    public const int RowHeight = 26;

    public int Grad(Value v) => _grad[v];

    public int EdgeLabel(Value result, int i) => _edge[(result, i)];

    // A generous estimate of Helvetica's width, in points, plus the cell's padding: never narrower than Graphviz's
    // own measure, so the cell keeps this width in every frame.
    private static int Points(string text, double fontSize) => (int)Math.Ceiling(text.Length * fontSize * 0.62 + 12);
}
