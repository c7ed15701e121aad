using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>A cell that ends in <c>L.Live()</c> shows the live graph as one HTML output, and a line of text.</summary>
[Collection("Formatters")]
public sealed class LiveFormatterTests : IDisposable
{
    public LiveFormatterTests()
    {
        Formatter.ResetToDefault();
        NotebookFormatters.Register();
    }

    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public void A_live_graph_shows_as_html_with_its_script_and_as_text()
    {
        var live = Lecture.BackpropagatedL().Live();
        var html = live.ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<div id=\"scalar-autograd-live-", html);
        Assert.Contains("<img alt=\"computation graph\"", html);
        Assert.Contains("ScalarAutogradLive.start(", html);
        Assert.Equal(HtmlFormatter.MimeType, Formatter.GetPreferredMimeTypesFor(typeof(LiveGraph)).First());
        Assert.Equal("Live graph of L: 7 values, 4 inputs (Value(label=L, data=-8.0, grad=1.0))", live.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Running_the_same_cell_again_gives_the_same_output()
    {
        var first = Lecture.BackpropagatedL().Live().ToDisplayString(HtmlFormatter.MimeType);
        var again = Lecture.BackpropagatedL().Live().ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(first, again);
    }
}
