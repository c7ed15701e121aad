namespace ScalarAutograd.Notebook;

/// <summary>A value to be drawn with particular options: what <see cref="GraphViewExtensions.Draw"/> returns.</summary>
/// <param name="Value">The value whose graph is drawn.</param>
/// <param name="Options">How to draw it.</param>
public sealed record GraphView(Value Value, GraphOptions Options);

/// <summary>One-off drawing options in a cell: <c>L.Draw(new GraphOptions { Direction = GraphDirection.TopToBottom })</c>.</summary>
public static class GraphViewExtensions
{
    /// <summary>Shows <paramref name="value"/>'s graph with <paramref name="options"/> instead of <see cref="NotebookFormatters.Options"/>.</summary>
    public static GraphView Draw(this Value value, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new GraphView(value, options ?? NotebookFormatters.Options);
    }
}
