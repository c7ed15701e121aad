namespace ScalarAutograd.Rendering;

/// <summary>
/// What <see cref="GraphDirection.Auto"/> means for one graph: micrograd's left-to-right look when it fits a notebook
/// cell at readable text, else top to bottom when that is narrower. Top to bottom, each box stacks label, data and
/// grad, so a rank of boxes is a third as wide. Measured (natural width left to right → top to bottom, CSS px): the
/// tanh neuron 1,663 → 539, section 12's tanh from exp 3,140 → 601, both then fitting a cell at full size.
/// </summary>
internal static class LayoutChoice
{
    /// <summary>The most values a graph may have for both layouts to be tried: two small layouts cost under a millisecond each.</summary>
    public const int MaxValuesTried = 300;

    /// <summary>
    /// <paramref name="options"/> with a concrete direction. <paramref name="dot"/> writes the graph's DOT for given
    /// options; it is laid out only when the graph is cheap for dot (else left to right, as before).
    /// </summary>
    public static GraphOptions Resolve(GraphOptions options, Func<GraphOptions, string> dot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Direction != GraphDirection.Auto) return options;
        var across = options with { Direction = GraphDirection.LeftToRight };
        if (ReadableWidth(dot(across)) is not { } acrossWidth || acrossWidth <= SvgHtml.CellWidth) return across;
        var down = options with { Direction = GraphDirection.TopToBottom };
        return ReadableWidth(dot(down)) is { } downWidth && downWidth < acrossWidth ? down : across;
    }

    // How narrow the graph can be drawn with its text still readable (CSS px); null when it is not cheap to lay out here.
    private static double? ReadableWidth(string dot)
    {
        NativeGraphviz? native;
        try
        {
            native = Graphviz.InProcess;
        }
        catch (GraphvizNotFoundException)
        {
            return null; // whatever draws it next says how to install Graphviz
        }
        var svg = native?.Render(dot, "svg", c => c.IsCheap && c.Nodes <= 2 * MaxValuesTried + 2, out _);
        return svg is null ? null : SvgHtml.ReadableWidth(System.Text.Encoding.UTF8.GetString(svg));
    }
}
