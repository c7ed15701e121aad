using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace ScalarAutograd.Runner;

/// <summary>Reads a notebook (.dib or .ipynb) with the kernels our runner has: C# code, markdown text.</summary>
internal static class NotebookFile
{
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection { new("csharp", "C#", ["c#", "cs"]), new("markdown", "Markdown", ["md"]) };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <exception cref="NotebookException">The file is missing, of an unknown type, or not a readable notebook.</exception>
    public static InteractiveDocument Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookException($"Notebook not found: {path}");
        var text = File.ReadAllText(path);
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".dib" => ParseDib(text, path),
                ".ipynb" => Notebook.Parse(text, Kernels()),
                var other => throw new NotebookException($"Cannot run '{path}': expected a .dib or .ipynb notebook, not '{other}'."),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new NotebookException($"'{path}' is not a readable notebook: {e.Message}");
        }
    }

    private static InteractiveDocument ParseDib(string text, string path)
    {
        var document = CodeSubmission.Parse(text, Kernels());
        if (!text.Contains("#!csharp", StringComparison.Ordinal) && !text.Contains("#!markdown", StringComparison.Ordinal))
            throw new NotebookException($"'{path}' is not a .dib notebook: it has no '#!csharp' or '#!markdown' cell markers.");
        return document;
    }
}

/// <summary>A notebook could not be read or run; the message says which and why.</summary>
internal sealed class NotebookException(string message) : Exception(message);
