using System.Net;

namespace ScalarAutograd.Notebook;

/// <summary>Two pictures of one graph next to each other, changed values marked: what <see cref="Graphs.SideBySide"/> returns.</summary>
/// <param name="Before">The graph before (usually a <see cref="Value.Snapshot"/>).</param>
/// <param name="After">The graph after.</param>
/// <param name="BeforeTitle">The heading over the left picture.</param>
/// <param name="AfterTitle">The heading over the right picture.</param>
/// <param name="Changes">What changed, value by value.</param>
public sealed record SideBySideView(Value Before, Value After, string BeforeTitle, string AfterTitle, GraphChanges Changes)
{
    /// <summary>The headings and the list of changes, for terminals and text outputs.</summary>
    public override string ToString() =>
        $"{BeforeTitle}: {Before}\n{AfterTitle}: {After}\nchanged: " + (Changes.Lines.Count == 0 ? "nothing" : string.Join("; ", Changes.Lines));

    internal string Html(GraphOptions options)
    {
        string Column(string title, Value v, IReadOnlySet<Value> changed) =>
            $"<div style=\"flex:1 1 0;min-width:0\"><div><b>{WebUtility.HtmlEncode(title)}</b></div>" +
            ValueHtml.Html(v, options with { Changed = changed }) + "</div>";
        var list = Changes.Lines.Count == 0
            ? "nothing changed"
            : "changed: " + string.Join("; ", Changes.Lines.Select(WebUtility.HtmlEncode));
        return "<div class=\"scalar-autograd-side-by-side\" style=\"display:flex;gap:16px;align-items:flex-start\">" +
               Column(BeforeTitle, Before, Changes.InBefore) + Column(AfterTitle, After, Changes.InAfter) +
               $"</div><div style=\"font-size:smaller\">{list}</div>";
    }
}

/// <summary>Helpers for showing graphs in a cell.</summary>
public static class Graphs
{
    /// <summary>
    /// Shows <paramref name="before"/> and <paramref name="after"/> side by side, with every value whose data or grad
    /// differs marked "changed" in both: <c>var before = L.Snapshot(); a.Data = 3; L.Backward(); Graphs.SideBySide(before, L)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The two graphs differ in shape.</exception>
    public static SideBySideView SideBySide(Value before, Value after, string beforeTitle = "before", string afterTitle = "after") =>
        new(before, after, beforeTitle, afterTitle, GraphChanges.Between(before, after));
}
