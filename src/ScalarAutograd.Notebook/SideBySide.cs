using System.Globalization;
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

    // Side by side when both pictures fit the cell at their natural size; otherwise one above the other (each column
    // asks for its picture's width, so the row wraps), never squeezed into half a cell where most of each graph would
    // hide behind a scroll bar. Stacked, the same value sits at about the same x in both, and where scripts run,
    // scrolling one picture sideways scrolls the other with it.
    internal string Html(GraphOptions options)
    {
        string Column(string title, Value v, IReadOnlySet<Value> changed)
        {
            var picture = ValueHtml.Html(v, options with { Changed = changed }, out var width);
            var basis = width > 0 ? $"{Math.Ceiling(width).ToString(CultureInfo.InvariantCulture)}px" : "auto";
            return $"<div style=\"flex:0 1 {basis};max-width:100%;min-width:0\"><div><b>{WebUtility.HtmlEncode(title)}</b></div>" +
                   picture + "</div>";
        }
        var list = Changes.Lines.Count == 0
            ? "nothing changed"
            : "changed: " + string.Join("; ", Changes.Lines.Select(WebUtility.HtmlEncode));
        var id = "scalar-autograd-compare-" + Guid.NewGuid().ToString("N");
        return $"<div id=\"{id}\" class=\"scalar-autograd-side-by-side\" style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">" +
               Column(BeforeTitle, Before, Changes.InBefore) + Column(AfterTitle, After, Changes.InAfter) +
               $"</div><div style=\"font-size:smaller\">{list}</div>" + ScrollTogether(id);
    }

    private static string ScrollTogether(string id) =>
        "<script>(function () {\n" +
        $"  var row = document.getElementById(\"{id}\"), boxes = row.querySelectorAll(\".{SvgHtml.BoxClass}\");\n" +
        """
          row.setAttribute("data-scrolls-together", "");
          boxes.forEach(function (box) {
            box.addEventListener("scroll", function () {
              boxes.forEach(function (other) { if (other !== box && other.scrollLeft !== box.scrollLeft) other.scrollLeft = box.scrollLeft; });
            });
          });
        })();
        </script>
        """;
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
