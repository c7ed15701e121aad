namespace ScalarAutograd;

/// <summary>Which way data flows in a drawn graph.</summary>
public enum GraphDirection
{
    /// <summary>Inputs on the left, the output on the right (micrograd's look).</summary>
    LeftToRight,

    /// <summary>Inputs at the top, the output at the bottom.</summary>
    TopToBottom,

    /// <summary>
    /// Left to right when that fits a notebook cell (<see cref="SvgHtml.CellWidth"/> px) with text at
    /// <see cref="SvgHtml.SmallestTextPx"/> px or more, else top to bottom when that is narrower: a wide graph is read
    /// whole instead of behind a scroll bar. The default.
    /// </summary>
    Auto,
}

/// <summary>What to write on each operand → operation edge.</summary>
public enum EdgeLabels
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The local derivative ∂result/∂operand as <see cref="Value.LocalDerivatives"/> holds it (from the last
    /// computation of the value: what <see cref="Value.Backward"/> multiplies by), e.g. <c>∂ = -3.0000</c>.</summary>
    LocalDerivative,

    /// <summary>The local derivative and what flows back through the edge: <c>∂ = -3.0000, × -2.0000 = 6.0000</c>.</summary>
    LocalDerivativeAndProduct,
}

/// <summary>How <see cref="GraphExtensions.ToDot"/>, <see cref="GraphExtensions.ToSvg"/> and <see cref="GraphExtensions.Save"/> draw a graph.</summary>
public sealed record GraphOptions
{
    /// <summary>
    /// The default <see cref="MaxValues"/>. Measured on a 2-core machine: at 800 values a chain renders in 0.22 s and a
    /// wide Σ (the slowest shape) in 0.59 s; at 1,000 the Σ takes 0.94 s and at 1,500 2.2 s. micrograd's MLP on one
    /// sample (713 values here) fits whole, in 0.22 s.
    /// </summary>
    public const int DefaultMaxValues = 800;

    /// <summary>The defaults: the direction that fits a cell, four decimals, gradients shown, at most <see cref="DefaultMaxValues"/> values.</summary>
    public static GraphOptions Default { get; } = new();

    /// <summary>Which way data flows: <see cref="GraphDirection.Auto"/> (the default) picks what fits a cell; set it to choose.</summary>
    public GraphDirection Direction { get; init; } = GraphDirection.Auto;

    /// <summary>A .NET numeric format for data and grad, e.g. <c>"F4"</c> (2.0000) or <c>"G6"</c>.</summary>
    public string NumberFormat { get; init; } = "F4";

    /// <summary>Whether each value shows its gradient.</summary>
    public bool ShowGrad { get; init; } = true;

    /// <summary>
    /// At most this many values are drawn: the ones nearest the output. The rest stand behind one node that says how
    /// many there are, so a cell never waits on a giant layout. Raise it to see more.
    /// </summary>
    public int MaxValues { get; init; } = DefaultMaxValues;

    /// <summary>
    /// The longest a drawing may take. A graph whose layout would take longer (values reused far from where they were
    /// made make Graphviz's layout grow much faster than the graph) is drawn simplified instead — each value once, a
    /// grey copy at every further use — with a one-line note under it. Raise it, or set
    /// <see cref="Timeout.InfiniteTimeSpan"/>, to wait for the full layout.
    /// </summary>
    public TimeSpan RenderBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Labels on operand → operation edges: the chain rule, readable on the picture.</summary>
    public EdgeLabels EdgeLabels { get; init; } = EdgeLabels.None;

    /// <summary>
    /// Fill each value by the sign and size of its grad: blue negative, white 0, red positive, the strongest colour
    /// at the largest |grad| drawn; a legend shows the scale.
    /// </summary>
    public bool ColorByGrad { get; init; }

    /// <summary>Highlight every path from this value (usually a leaf) to the output.</summary>
    public Value? HighlightFrom { get; init; }

    /// <summary>
    /// Highlight the path that carries the largest contribution: from the output, always to the operand with the
    /// largest |local derivative × grad|, down to a leaf.
    /// </summary>
    public bool HighlightLargestContribution { get; init; }

    /// <summary>
    /// Values to mark as changed: a thick orange outline and a "changed" tag. Before/after comparisons set it
    /// (see <c>Graphs.SideBySide</c> in the notebook package).
    /// </summary>
    public IReadOnlySet<Value>? Changed { get; init; }
}
