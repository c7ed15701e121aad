using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>One frame of a recorded backward pass, to draw: its grads, the value that just ran, the ones it fed.</summary>
internal sealed record FrameView(BackwardTrace Trace, BackwardFrame Frame);

/// <summary>
/// How each value and edge looks in one drawing: which grad it shows, its fill, highlighted edges, edge labels.
/// Everything that depends on <see cref="GraphOptions"/> beyond the plain micrograd look is decided here.
/// </summary>
internal sealed class DotLook
{
    public const string RanFill = "#ffd8a8";
    private const string RanBorder = "#e8590c";
    private const string FedFill = "#fff3bf";
    private const string PathColor = "#c92a2a";

    private readonly GraphOptions _options;
    private readonly FrameView? _frame;
    private readonly HashSet<(Value, Value)> _highlighted;
    private readonly HashSet<Value> _fed = new(ReferenceEqualityComparer.Instance);

    public DotLook(Value output, IEnumerable<Value> shown, GraphOptions options, FrameView? frame)
    {
        _options = options;
        _frame = frame;
        _highlighted = PathHighlight.Edges(output, options);
        if (frame is not null) _fed.UnionWith(frame.Frame.Fed);
        MaxAbsGrad = shown.Select(v => Math.Abs(Grad(v) ?? 0)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
    }

    /// <summary>The largest |grad| drawn: the ends of the colour scale.</summary>
    public double MaxAbsGrad { get; }

    /// <summary>Whether value boxes show their grad.</summary>
    public bool ShowGrad => _options.ShowGrad;

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

    /// <summary>Attributes of the edge from operand <paramref name="i"/> of <paramref name="result"/> to its operation.</summary>
    public string OperandEdge(Value result, int i)
    {
        var attributes = new List<string>();
        if (_options.EdgeLabels != EdgeLabels.None) attributes.Add($"label=\"{EdgeLabel(result, i)}\" fontsize=10");
        if (_highlighted.Contains((result.Children[i], result))) attributes.Add($"color=\"{PathColor}\" penwidth=2.5");
        else if (Ran(result)) attributes.Add($"color=\"{RanBorder}\" penwidth=2");
        return attributes.Count == 0 ? "" : " [" + string.Join(" ", attributes) + "]";
    }

    /// <summary>Attributes of the edge from a value's operation to the value.</summary>
    public string ResultEdge(Value result) =>
        result.Children.Any(c => _highlighted.Contains((c, result))) ? $" [color=\"{PathColor}\" penwidth=2.5]" : "";

    private string EdgeLabel(Value result, int i)
    {
        var local = LocalDerivative(result, i);
        var label = $"∂ = {DotText.Quoted(Number(local))}"; // the label is a quoted DOT string: a format may add quotes
        if (_options.EdgeLabels == EdgeLabels.LocalDerivativeAndProduct && Grad(result) is { } g)
            label += $"\\n× {DotText.Quoted(Number(g))} = {DotText.Quoted(Number(local * g))}";
        return label;
    }

    // LocalDerivatives makes a new list per call (a million entries for a million-term Σ): fetch it once per result.
    private Value? _localsOf;
    private IReadOnlyList<double> _locals = [];

    private double LocalDerivative(Value result, int i)
    {
        if (!ReferenceEquals(_localsOf, result)) (_localsOf, _locals) = (result, result.LocalDerivatives);
        return _locals[i];
    }

    /// <summary>A number in the drawing's format.</summary>
    public string Number(double x) => x.ToString(_options.NumberFormat, CultureInfo.InvariantCulture);
}
