namespace ScalarAutograd;

/// <summary>A graph you can drag: <c>L.Live()</c> in a notebook cell, <c>L.Live().Save("graph.html")</c> for a page.</summary>
public static class LiveExtensions
{
    /// <summary>
    /// The graph behind <paramref name="output"/>, drawn once, with a slider and a number box per input: moving one
    /// re-runs the forward pass and <see cref="Value.Backward"/> in the page (the engine's own formulas, in a small
    /// inline script) and updates every data and grad in place. The graph is copied now: later edits to it do not
    /// change this view, and the view never changes the graph.
    /// </summary>
    /// <exception cref="ArgumentException">An input is not a leaf of this graph, or the number format has no live
    /// equivalent.</exception>
    public static LiveGraph Live(this Value output, LiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new LiveGraph(output, options ?? LiveOptions.Default);
    }
}
