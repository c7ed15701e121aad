namespace ScalarAutograd.Rendering;

/// <summary>One frame of a recorded backward pass, to draw: its grads, the value that just ran, the ones it fed.</summary>
internal sealed record FrameView(BackwardTrace Trace, BackwardFrame Frame);

/// <summary>
/// How each value and edge looks in one drawing: which grad it shows, its fill and text colour, highlighted edges,
/// edge labels. Everything that depends on <see cref="GraphOptions"/> beyond the plain micrograd look is decided here.
/// </summary>
internal sealed class DotLook
{
    public const string RanFill = "#ffd8a8";
    private const string RanBorder = "#e8590c";
    private const string FedFill = "#fff3bf";

    // A highlighted path is drawn like a road on a map: a bright core between two dark lines, so it shows on white,
    // on the darkest blue and on the darkest red alike.
    public const string PathColor = "#212529:#fcc419:#212529";

    private readonly GraphOptions _options;
    private readonly FrameView? _frame;
    private readonly HashSet<(Value, Value)> _highlighted;
    private readonly HashSet<Value> _fed = new(ReferenceEqualityComparer.Instance);
    private readonly FrameWidths? _widths;
    private readonly GraphReport? _report;

    public DotLook(Value output, IEnumerable<Value> shown, GraphOptions options, FrameView? frame, GraphReport? report = null)
    {
        _options = options;
        _frame = frame;
        _report = report;
        _highlighted = PathHighlight.Edges(output, options);
        if (frame is not null)
        {
            _fed.UnionWith(frame.Frame.Fed);
            _widths = FrameWidths.For(frame.Trace, options);
        }
        MaxAbsGrad = shown.Select(v => Math.Abs(Grad(v) ?? 0)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
    }

    /// <summary>The largest |grad| drawn: the ends of the colour scale.</summary>
    public double MaxAbsGrad { get; }

    /// <summary>Whether value boxes show their grad.</summary>
    public bool ShowGrad => _options.ShowGrad;

    /// <summary>Whether a box stacks label, data and grad (top to bottom: narrow boxes keep a rank narrow).</summary>
    public bool Stacked => _options.Direction == GraphDirection.TopToBottom;

    /// <summary>Whether to draw the colour legend.</summary>
    public bool ShowLegend => _options.ColorByGrad && _frame is null;

    /// <summary>The grad to show, or null where backward has not reached the value yet (in a frame).</summary>
    public double? Grad(Value v) => _frame is { } f ? f.Frame.Grads[f.Trace.IndexOf(v)] : v.Grad;

    /// <summary>Whether this value's local backward is the step this frame shows.</summary>
    public bool Ran(Value v) => _frame is not null && ReferenceEquals(_frame.Frame.Node, v);

    /// <summary>Fill and border colour of a value's box (null: the default).</summary>
    public (string? Fill, string? Border) Box(Value v)
    {
        if (_frame is not null)
        {
            if (Ran(v)) return (RanFill, RanBorder);
            return (_fed.Contains(v) ? FedFill : null, null);
        }
        return (_options.ColorByGrad ? GradientPalette.Color(v.Grad, MaxAbsGrad) : null, null);
    }

    /// <summary>
    /// Extra attributes of a value's node: white text on a dark fill (so text keeps 4.5:1 contrast), and
    /// <c>id="active"</c> on the value whose step a frame shows (the player scrolls to it).
    /// </summary>
    public string NodeAttributes(Value v, bool copy = false)
    {
        var attributes = TextColor(Box(v).Fill);
        if (Ran(v) && !copy) attributes += " id=\"active\"";
        return attributes;
    }

    /// <summary>The node attribute that keeps text readable on <paramref name="fill"/>: white on dark fills, else nothing.</summary>
    public static string TextColor(string? fill) =>
        fill is not null && GradientPalette.TextColor(fill) != "#000000" ? $" fontcolor=\"{GradientPalette.TextColor(fill)}\"" : "";

    /// <summary>Attributes of a value's grad cell: in a frame, as wide as its widest grad in any frame, so boxes never resize.</summary>
    public string GradCell(Value v) => _widths is null ? "" : $" width=\"{_widths.Grad(v)}\" height=\"{FrameWidths.RowHeight}\"";

    /// <summary>Attributes of the edge from operand <paramref name="i"/> of <paramref name="result"/> to its operation.</summary>
    public string OperandEdge(Value result, int i)
    {
        var attributes = new List<string>();
        if (_options.EdgeLabels != EdgeLabels.None) attributes.Add($"label=<{EdgeLabel(result, i)}> fontsize=10");
        if (_highlighted.Contains((result.Children[i], result))) attributes.Add($"color=\"{PathColor}\" penwidth=2");
        else if (Ran(result)) attributes.Add($"color=\"{RanBorder}\" penwidth=2");
        return attributes.Count == 0 ? "" : " [" + string.Join(" ", attributes) + "]";
    }

    /// <summary>Attributes of the edge from a value's operation to the value.</summary>
    public string ResultEdge(Value result) =>
        result.Children.Any(c => _highlighted.Contains((c, result))) ? $" [color=\"{PathColor}\" penwidth=2]" : "";

    // "∂e/∂a = b = −3.0000" and, below it, "× e.grad = −2.0000 → 6.0000": which derivative, its formula, its value,
    // and what flows back through this edge.
    private string EdgeLabel(Value result, int i)
    {
        var local = LocalDerivative(result, i);
        var lines = new List<string> { LocalLine(result, i, local, _options) };
        if (_options.EdgeLabels == EdgeLabels.LocalDerivativeAndProduct)
        {
            // A grad from before Recompute() (at either end) times today's local derivative is neither what flowed back
            // then nor what would flow now: the product would contradict the boxes it joins.
            var stale = _report is { } r && (r.IsGradStale(result) || r.IsGradStale(result.Children[i]));
            lines.Add(stale ? StaleProductLine(result) : ProductLine(result, local, Grad(result), _options));
        }
        var width = _widths is null ? "" : $" width=\"{_widths.EdgeLabel(result, i)}\"";
        return "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\">" +
               string.Concat(lines.Select(l => $"<tr><td{width}>{DotText.Html(l)}</td></tr>")) + "</table>";
    }

    internal static string LocalLine(Value result, int i, double local, GraphOptions options)
    {
        var formula = ChainRuleText.LocalDerivative(result, i);
        var number = ChainRuleText.Formatted(local, options.NumberFormat);
        var head = $"∂{ChainRuleText.Operand(result)}/∂{ChainRuleText.Operand(result.Children[i])} = ";
        return formula is "1" or "−1" ? head + formula : $"{head}{formula} = {number}";
    }

    internal static string ProductLine(Value result, double local, double? grad, GraphOptions options) => grad is { } g
        ? $"× {ChainRuleText.Operand(result)}.grad = {ChainRuleText.Formatted(g, options.NumberFormat)} → {ChainRuleText.Formatted(local * g, options.NumberFormat)}"
        : $"× {ChainRuleText.Operand(result)}.grad = ? → ?";

    internal static string StaleProductLine(Value result) => $"× {ChainRuleText.Operand(result)}.grad (stale grads) → ?";

    // LocalDerivatives makes a new list per call (a million entries for a million-term Σ): fetch it once per result.
    private Value? _localsOf;
    private IReadOnlyList<double> _locals = [];

    private double LocalDerivative(Value result, int i)
    {
        if (!ReferenceEquals(_localsOf, result)) (_localsOf, _locals) = (result, result.LocalDerivatives);
        return _locals[i];
    }

    /// <summary>A number in the drawing's format.</summary>
    public string Number(double x) => NumberText.Format(x, _options.NumberFormat);
}
