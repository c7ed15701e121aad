using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>A sequence of values shows at most a thousand rows, even a million or an endless one; Options is never null.</summary>
[Collection("Formatters")]
public sealed class ListAndOptionsTests : RegisteredFormatters
{
    private static IEnumerable<Value> Endless()
    {
        for (var i = 0L; ; i++) yield return new Value(i);
    }

    [Fact]
    public void A_million_values_show_as_a_thousand_rows_and_a_note()
    {
        var values = Enumerable.Range(0, 1_000_000).Select(i => new Value(i)).ToList();
        var html = values.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(1_000, html.Split("<tr><td>").Length - 1);
        Assert.Contains("showing the first 1,000 values; the sequence has more", html);
        var text = values.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.Equal(1_001, text.Split('\n').Length);
    }

    [Fact]
    public async Task An_endless_sequence_shows_its_first_thousand_and_returns()
    {
        var html = Task.Run(() => Endless().ToDisplayString(HtmlFormatter.MimeType));
        var text = Task.Run(() => Endless().ToDisplayString(PlainTextFormatter.MimeType));
        var all = Task.WhenAll(html, text);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) == all, "formatting an endless sequence did not return");
        Assert.Contains("the sequence has more", await html);
        Assert.Contains("the sequence has more", await text);
    }

    [Fact]
    public void A_short_list_has_no_note()
    {
        var html = new[] { new Value(1), new Value(2) }.ToDisplayString(HtmlFormatter.MimeType);
        Assert.DoesNotContain("the sequence has more", html);
    }

    [Fact]
    public void Null_options_are_refused_with_a_message_that_says_what_to_do()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => NotebookFormatters.Options = null!);
        Assert.Equal("NotebookFormatters.Options cannot be null: set it to new GraphOptions { … }, or to GraphOptions.Default for the defaults.", ex.Message);
        Assert.Same(GraphOptions.Default, NotebookFormatters.Options);
    }

    [Fact]
    public void The_size_note_under_a_huge_graph_does_not_count_every_value()
    {
        Value v = new Value(0.3, "x");
        for (var i = 0; i < 100_000; i++) v = (v * 0.9).Tanh(); // 300,001 values
        var html = v.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("Showing the 800 values nearest the output, of over 100,000.", html);
    }
}
