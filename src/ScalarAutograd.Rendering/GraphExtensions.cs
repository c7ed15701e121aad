using System.Text;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>Draws a value's computation graph: <c>L.ToSvg()</c>, <c>L.Save("graph.png")</c>.</summary>
public static class GraphExtensions
{
    /// <summary>The file types <see cref="Save"/> writes, by extension.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".svg", ".png", ".pdf", ".dot"];

    /// <summary>The graph behind <paramref name="output"/> as DOT text; the same graph always gives the same text.</summary>
    public static string ToDot(this Value output, GraphOptions? options = null) =>
        DotWriter.Write(output, options ?? GraphOptions.Default);

    /// <summary>The graph behind <paramref name="output"/> as an SVG document, rendered by Graphviz in process.</summary>
    /// <exception cref="GraphvizNotFoundException">Graphviz is not installed; the message says how to install it.</exception>
    public static string ToSvg(this Value output, GraphOptions? options = null) => Graphviz.RenderSvg(output.ToDot(options));

    /// <summary>
    /// Saves the graph to <paramref name="path"/> in the format its extension names (.svg, .png, .pdf, .dot),
    /// creating missing folders. The file appears whole or not at all: it is written beside and then moved into place.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not one of <see cref="SupportedExtensions"/>.</exception>
    public static void Save(this Value output, string path, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            throw new ArgumentException(
                $"Cannot save a graph as '{Path.GetFileName(path)}': the extension must be one of {string.Join(", ", SupportedExtensions)}.",
                nameof(path));
        }
        var dot = output.ToDot(options);
        var bytes = extension == ".dot" ? new UTF8Encoding(false).GetBytes(dot) : Graphviz.Render(dot, extension[1..]);

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
