using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>HtmlOutput shows its markup as it is. Formatters are process-wide: no parallel runs.</summary>
[Collection("Formatters")]
public sealed class HtmlOutputTests : IDisposable
{
    public HtmlOutputTests()
    {
        Formatter.ResetToDefault();
        NotebookFormatters.Register();
    }

    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public void Html_is_written_unchanged_and_text_is_the_words_without_tags()
    {
        var table = HtmlOutput.From("<table><tr style=\"background:#ebfbee\"><td>1 &lt; 2</td><td>agree</td></tr></table>");
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(HtmlOutput)));
        Assert.Equal(table.Html, table.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal("1 < 2 agree", table.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Throws<ArgumentNullException>(() => HtmlOutput.From(null!));
    }
}
