using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace ScalarAutograd.Runner;

/// <summary>
/// Reads a notebook (.dib or .ipynb) and checks, before anything runs, that this runner can run every cell: it has
/// a C# kernel and shows markdown; a cell of any other kernel is refused by number.
/// </summary>
internal static class NotebookFile
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";

    // Every kernel .NET Interactive / Polyglot Notebooks names, so a "#!fsharp" line in a .dib starts its own cell
    // (unknown "#!" lines are magic commands and stay inside the cell) and an .ipynb's F# cell is recognised.
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new(CSharp, "C#", ["c#", "cs", ".net-csharp"]),
            new("fsharp", "F#", ["f#", "fs", ".net-fsharp"]),
            new("pwsh", "PowerShell", ["powershell", ".net-pwsh"]),
            new("javascript", "JavaScript", ["js"]),
            new("html", "HTML", []),
            new("sql", "SQL", []),
            new("kql", "KQL", []),
            new("mermaid", "Mermaid", []),
            new("http", "HTTP", []),
            new("value", "value", []),
            new("python", "Python", []),
            new("r", "R", []),
            new(Markdown, "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = CSharp;
        return kernels;
    }

    /// <exception cref="NotebookException">The file is missing, unreadable, of an unknown type, not a notebook, or
    /// has a cell of a kernel this runner does not have.</exception>
    public static InteractiveDocument Load(string path)
    {
        if (Directory.Exists(path)) throw new NotebookException($"'{path}' is a folder, not a notebook: give a .dib or .ipynb file.");
        if (!File.Exists(path)) throw new NotebookException($"Notebook not found: {path}");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".dib" or ".ipynb"))
            throw new NotebookException($"Cannot run '{path}': expected a .dib or .ipynb notebook, not '{extension}'.");
        var text = ReadText(path);
        var document = extension == ".dib" ? ParseDib(text, path) : ParseIpynb(text, path);
        NameKernels(document);
        CheckKernels(document, path);
        return document;
    }

    /// <summary>The most a notebook may hold: an executed .ipynb with pictures is a few MB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    // Only regular files, and at most MaxBytes of them: a notebook linked to /dev/zero would be read until memory
    // runs out, and a FIFO would wait forever for a writer. Devices, FIFOs, sockets and /proc files all report a
    // size of 0, which no notebook has.
    private static string ReadText(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null) file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            if (file.Length == 0)
                throw new NotebookException($"Cannot read '{path}': it is empty or not a regular file (a device, a FIFO, a socket or a /proc file): give a .dib or .ipynb notebook file.");
            if (file.Length > MaxBytes) throw TooLarge(path, file.Length);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new MemoryStream();
            var buffer = new byte[81920];
            for (int read; (read = stream.Read(buffer)) > 0;)
            {
                bytes.Write(buffer, 0, read);
                if (bytes.Length > MaxBytes) throw TooLarge(path, bytes.Length); // it grew while we read it
            }
            bytes.Position = 0;
            using var reader = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookException($"Cannot read '{path}': {e.Message}");
        }
    }

    private static NotebookException TooLarge(string path, long bytes) =>
        new($"Cannot read '{path}': it is larger than {MaxBytes / (1024 * 1024)} MB ({bytes / (1024.0 * 1024):0.#} MB or more), more than any notebook holds; give the notebook file itself.");

    /// <summary>The first non-blank line of a cell, as reports quote it.</summary>
    public static string FirstLine(InteractiveDocumentElement cell) =>
        cell.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    public static bool IsCode(InteractiveDocumentElement cell) => cell.KernelName == CSharp;

    private static InteractiveDocument ParseDib(string text, string path)
    {
        if (!text.Contains("#!csharp", StringComparison.Ordinal) && !text.Contains("#!markdown", StringComparison.Ordinal))
            throw new NotebookException($"'{path}' is not a .dib notebook: it has no '#!csharp' or '#!markdown' cell markers.");
        return CodeSubmission.Parse(text, Kernels());
    }

    private static InteractiveDocument ParseIpynb(string text, string path)
    {
        try
        {
            IpynbShape.Check(text);
            return Notebook.Parse(text, Kernels());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or NotebookException)
        {
            throw new NotebookException($"'{path}' is not a readable notebook: {e.Message}");
        }
    }

    // Jupyter's .NET kernel and the notebooks it writes spell C# several ways ("C#", "c#", "csharp", ".net-csharp"),
    // and the parser keeps a kernelspec's spelling as given: every name, language or alias of a kernel, in any case,
    // becomes that kernel's name.
    private static void NameKernels(InteractiveDocument document)
    {
        var kernels = Kernels();
        foreach (var cell in document.Elements)
        {
            if (cell.KernelName is not { } name) continue;
            var kernel = kernels.FirstOrDefault(k => new[] { k.Name, k.LanguageName }.Concat(k.Aliases)
                .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
            if (kernel is not null) cell.KernelName = kernel.Name;
        }
    }

    private static void CheckKernels(InteractiveDocument document, string path)
    {
        if (document.Elements.Count == 0) throw new NotebookException($"'{path}' has no cells.");
        var refused = document.Elements
            .Select((cell, i) => (cell, number: i + 1))
            .Where(c => c.cell.KernelName is not (CSharp or Markdown))
            .Select(c => $"  cell {c.number}: {c.cell.KernelName} ({FirstLine(c.cell)})")
            .ToList();
        if (refused.Count == 0) return;
        throw new NotebookException(
            $"'{path}' has cells of kernels this runner does not have (it runs C# cells and shows markdown):\n" +
            string.Join('\n', refused) + "\nRewrite them in C#, or run this notebook in VS Code or Jupyter.");
    }
}

/// <summary>A notebook could not be read or run; the message says which and why.</summary>
internal sealed class NotebookException(string message) : Exception(message);
