using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>Edit and re-run, shown: the before and after pictures next to each other (issue 11).</summary>
[Collection("Formatters")]
public sealed class SideBySideTests : RegisteredFormatters
{
    [Fact]
    public void Before_and_after_show_as_two_graphs_in_a_row_with_the_changes_listed()
    {
        var (before, L) = Lecture.EditedA();

        var html = Show(Graphs.SideBySide(before, L), HtmlFormatter.MimeType);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        Assert.True(html.IndexOf("data -6.0000", StringComparison.Ordinal) < html.IndexOf("data -9.0000", StringComparison.Ordinal)); // e: before on the left
        Assert.Contains("a: data 2 → 3", html);
        Assert.Contains("b: grad -4 → -6", html);
        Assert.Equal(12, html.Split(">changed<").Length - 1); // six values marked in each picture

        var text = Show(Graphs.SideBySide(before, L), PlainTextFormatter.MimeType);
        Assert.Contains("before: Value(label=L, data=-8.0, grad=1.0)", text);
        Assert.Contains("after: Value(label=L, data=-2.0, grad=1.0)", text);
    }

    [Fact]
    public void A_stale_graph_in_a_cell_carries_its_one_line_note()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        a.Data = 3;
        var html = Show(L, HtmlFormatter.MimeType);
        Assert.Contains("a (now 3) changed after this graph was computed", html);
        Assert.Equal(3, html.Split(">stale<").Length - 1);
    }
}
