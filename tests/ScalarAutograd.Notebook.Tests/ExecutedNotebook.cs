using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>A notebook run once by the runner (it must exit 0), with every cell's outputs as text (HTML entities decoded).</summary>
public class ExecutedNotebook : IDisposable
{
    private readonly TempDir _output = new();

    public ExecutedNotebook(string path)
    {
        Path = path;
        var run = Repo.Runner(Repo.Root, path, "--out", _output.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var stream = File.OpenRead(_output.File(System.IO.Path.GetFileNameWithoutExtension(path) + ".ipynb"));
        Document = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.Read(stream, new KernelInfoCollection { new("csharp"), new("markdown") });
    }

    public string Path { get; }

    public InteractiveDocument Document { get; }

    /// <summary>All outputs of the one code cell whose code contains <paramref name="code"/>.</summary>
    public string Output(string code) =>
        CellText(Assert.Single(Document.Elements, e => e.KernelName == "csharp" && e.Contents.Contains(code)));

    /// <summary>
    /// All outputs of one cell as text: pictures' SVG decoded in place, tables followed by their rows. With
    /// <paramref name="shownOnly"/>, of a display with several MIME types only the one a notebook shows (HTML before
    /// text): ScottPlot's text/plain "SVG image (N characters)" varies with its random ids.
    /// </summary>
    public static string CellText(InteractiveDocumentElement cell, bool shownOnly = false) => string.Concat(cell.Outputs.Select(o => o switch
    {
        DisplayElement d when shownOnly => Str(d.Data.TryGetValue("text/html", out var html) ? html : d.Data.Values.FirstOrDefault()),
        DisplayElement d => string.Concat(d.Data.Values.Select(Str)),
        TextElement t => t.Text,
        ErrorElement e => e.ErrorValue,
        _ => "",
    }));

    // Outputs read back from .ipynb hold text as arrays of lines, pictures as <img> data URIs (decoded here), and SVG
    // text escapes '-' as &#45;.
    private static string Str(object? value) => System.Net.WebUtility.HtmlDecode(Rows(Pictures.Decode(value switch
    {
        string s => s,
        System.Collections.IEnumerable lines => string.Concat(lines.Cast<object>()),
        _ => value?.ToString() ?? "",
    })));

    // Sequences of records show as tables: each row read back as "{ column = full value, … }" (a cell's title holds
    // the full number where the shown one is rounded), after the table itself.
    private static string Rows(string html) => Regex.Replace(html, "<table class=\"scalar-autograd-table\">.*?</table>", table =>
    {
        var columns = Regex.Matches(table.Value, "<th(?:\\s[^>]*)?>(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
        var rows = Regex.Matches(table.Value, "<tr>(.*?)</tr>", RegexOptions.Singleline).Skip(1).Select(row =>
        {
            var cells = Regex.Matches(row.Groups[1].Value, "<td([^>]*)>(.*?)</td>", RegexOptions.Singleline)
                .Select(c => Regex.Match(c.Groups[1].Value, "title=\"([^\"]*)\"") is { Success: true } t ? t.Groups[1].Value : Regex.Replace(c.Groups[2].Value, "<[^>]+>", ""));
            return "{ " + string.Join(", ", columns.Zip(cells, (name, cell) => $"{name} = {cell}")) + " }";
        });
        return table.Value + "\n" + string.Join("\n", rows);
    }, RegexOptions.Singleline);

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }
}
