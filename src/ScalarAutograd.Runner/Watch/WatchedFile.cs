

namespace ScalarAutograd.Runner;

/// <summary>A cell as read from the watched file: what the page shows (<see cref="Source"/>) and what the kernel
/// runs (<see cref="Code"/>, null for markdown; a file-based app's <c>#:</c> lines become <c>#r</c>).</summary>
internal sealed record WatchedCell(string Kind, string Source, string? Code);

/// <summary>Reads the watched notebook (.dib, .ipynb, or a percent-format .cs file-based app) into cells.</summary>
internal static class WatchedFile
{
    public static bool IsFileApp(string path) => Path.GetExtension(path).Equals(".cs", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="NotebookException">Missing, unreadable, empty, or not a notebook; the message says which.</exception>
    public static List<WatchedCell> Read(string path)
    {
        if (!IsFileApp(path))
        {
            return NotebookFile.Load(path).Elements
                .Select(e => NotebookFile.IsCode(e) ? new WatchedCell(PercentFormat.Code, e.Contents, e.Contents) : new WatchedCell(PercentFormat.Markdown, e.Contents, null))
                .ToList();
        }
        if (!File.Exists(path)) throw new NotebookException($"File not found: {path}");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookException($"Cannot read '{path}': {e.Message}");
        }
        if (text.Trim().Length == 0) throw new NotebookException($"'{path}' is empty (still being saved?).");
        var folder = Path.GetDirectoryName(path)!;
        return PercentFormat.Parse(text)
            .Select(c => c.Kind == PercentFormat.Markdown ? new WatchedCell(c.Kind, c.Source, null) : new WatchedCell(c.Kind, c.Source, FileAppDirectives.ToKernel(c.Source, folder)))
            .ToList();
    }

    /// <summary>The lines that load assemblies or packages (<c>#r</c>, <c>#i</c>, <c>#:</c>): when one changes, the
    /// kernel must restart, since a loaded assembly cannot be replaced.</summary>
    public static List<string> LoadLines(IEnumerable<WatchedCell> cells) =>
        cells.Where(c => c.Code is not null)
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("#r ", StringComparison.Ordinal) || l.StartsWith("#i ", StringComparison.Ordinal) || l.StartsWith("#:", StringComparison.Ordinal))
            .ToList();
}
