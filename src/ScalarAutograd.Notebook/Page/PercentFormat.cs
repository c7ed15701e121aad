#if SCALAR_AUTOGRAD_RUNNER // compiled into the runner too (see its .csproj), in its namespace
namespace ScalarAutograd.Runner;
#else
namespace ScalarAutograd.Notebook;
#endif

/// <summary>One cell of a C# file in the percent format: its kind, its text and the lines it spans (1-based).</summary>
internal sealed record SourceCell(string Kind, string Source, int FirstLine, int LastLine);

/// <summary>
/// Splits a C# file into cells at <c>// %%</c> lines — the percent format Jupytext and VS Code use for Python.
/// <c>// %% [markdown]</c> starts a markdown cell whose lines are comments (<c>// # Title</c>); the lines before the
/// first marker (the <c>#:</c> directives and <c>using</c>s of a file-based app) are the first code cell. Shared by
/// the runner's <c>--watch</c> and <c>FileNotebook</c>, so both show the same cells.
/// </summary>
internal static class PercentFormat
{
    public const string Code = "csharp";
    public const string Markdown = "markdown";

    public static bool IsMarker(string line) => line.TrimStart().StartsWith("// %%", StringComparison.Ordinal);

    public static List<SourceCell> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var cells = new List<SourceCell>();
        var kind = Code;
        var start = 0; // index of the cell's first line
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !IsMarker(lines[i])) continue;
            Add(cells, kind, lines, start, i);
            if (i == lines.Length) break;
            var title = lines[i].TrimStart()[5..];
            kind = title.Contains("[markdown]", StringComparison.OrdinalIgnoreCase) || title.Contains("[md]", StringComparison.OrdinalIgnoreCase) ? Markdown : Code;
            start = i + 1;
        }
        return cells;
    }

    private static void Add(List<SourceCell> cells, string kind, string[] lines, int start, int end)
    {
        var body = lines[start..end].Select(l => kind == Markdown ? Uncomment(l) : l).ToList();
        var source = string.Join('\n', body).Trim('\n', ' ', '\t');
        if (source.Length > 0) cells.Add(new SourceCell(kind, source, start + 1, end));
    }

    // "// text" → "text"; "//" → "" (a blank markdown line).
    private static string Uncomment(string line)
    {
        var t = line.TrimStart();
        if (!t.StartsWith("//", StringComparison.Ordinal)) return line;
        t = t[2..];
        return t.StartsWith(' ') ? t[1..] : t;
    }
}
