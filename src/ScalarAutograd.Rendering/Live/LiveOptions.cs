namespace ScalarAutograd;

/// <summary>How <see cref="LiveExtensions.Live"/> builds a live graph.</summary>
public sealed record LiveOptions
{
    /// <summary>The defaults: every leaf gets a slider, drawn with <see cref="GraphOptions.Default"/>.</summary>
    public static LiveOptions Default { get; } = new();

    /// <summary>
    /// How the graph is drawn: direction, number format, grads, <see cref="GraphOptions.ColorByGrad"/> (the fills follow
    /// the grads live) and <see cref="GraphOptions.MaxValues"/>, the largest graph shown live. Edge labels and the
    /// largest-contribution path depend on the numbers, so the live view leaves them off rather than show stale ones.
    /// </summary>
    public GraphOptions Graph { get; init; } = GraphOptions.Default;

    /// <summary>The leaves that get a slider, in this order; null (the default) for every leaf of the graph.</summary>
    public IReadOnlyList<Value>? Inputs { get; init; }
}
