using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook;

/// <summary>
/// A C# file-based app as a notebook: cells split by <c>// %%</c> lines (see <c>notebooks/Lecture.cs</c>), and
/// <see cref="Show"/> where a notebook cell would end in a value. Run by the runner's <c>--watch</c> (or any .NET
/// Interactive kernel), <see cref="Show"/> displays the value in that cell; run on its own (<c>dotnet run Lecture.cs</c>),
/// it collects the outputs and, when the program ends, writes <c>Lecture.html</c> next to the file: the same page
/// <c>--watch</c> serves, with the same formatters.
/// </summary>
public static class FileNotebook
{
    private static readonly Lock Gate = new();
    private static readonly List<(int Line, PageOutput Output)> Shown = [];
    private static string? s_source;
    private static bool s_registered;

    /// <summary>Shows <paramref name="value"/> as the output of the cell this call is in (graphs, tables, players…).</summary>
    public static void Show(object? value, [CallerFilePath] string sourceFile = "", [CallerLineNumber] int line = 0)
    {
        lock (Gate)
        {
            if (!s_registered) NotebookFormatters.Register(); // once per process, kernel or not: Show(L) draws the graph
            s_registered = true;
        }
        if (KernelInvocationContext.Current is { } context)
        {
            context.Display(value ?? "null");
            return;
        }
        lock (Gate)
        {
            if (s_source is null)
            {
                s_source = AppContext.GetData("EntryPointFilePath") as string ?? sourceFile;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => WritePage();
            }
            Shown.Add((line, value is string text
                ? new PageOutput("text", Text: text, Name: "stdout")
                : new PageOutput("display", new() { ["text/html"] = Formatter.ToDisplayString(value, HtmlFormatter.MimeType) })));
        }
    }

    /// <summary>The page of <paramref name="sourceFile"/>'s cells with the outputs shown so far; written at exit by itself.</summary>
    internal static string PageOf(string sourceFile)
    {
        var cells = PercentFormat.Parse(File.ReadAllText(sourceFile));
        lock (Gate)
        {
            var page = cells.Select((c, i) => new PageCell(i, c.Kind, c.Source,
                Shown.Where(s => s.Line >= c.FirstLine && s.Line <= c.LastLine).Select(s => s.Output).ToList(),
                c.Kind == PercentFormat.Markdown ? "markdown" : "fresh", null, 1)).ToList();
            return NotebookPage.Html(Path.GetFileName(sourceFile), page, live: false);
        }
    }

    private static void WritePage()
    {
        if (s_source is null || !File.Exists(s_source)) return;
        var target = Path.ChangeExtension(s_source, ".html");
        try
        {
            File.WriteAllText(target, PageOf(s_source));
            Console.WriteLine($"Wrote {target}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not write {target}: {e.Message}");
        }
    }
}
