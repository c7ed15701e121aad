using System.Globalization;
using System.Text;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>Draws a value's computation graph: <c>L.ToSvg()</c>, <c>L.Save("graph.png")</c>.</summary>
public static class GraphExtensions
{
    /// <summary>The file types <see cref="Save"/> writes, by extension.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".svg", ".png", ".pdf", ".dot"];

    /// <summary>The resolution of a PNG at <c>scale</c> 1: Graphviz's default, 96 dots per inch.</summary>
    public const double BaseDpi = 96;

    /// <summary>The graph behind <paramref name="output"/> as DOT text; the same graph always gives the same text.</summary>
    public static string ToDot(this Value output, GraphOptions? options = null) =>
        DotWriter.Write(output, options ?? GraphOptions.Default);

    /// <summary>
    /// The graph behind <paramref name="output"/> as an SVG document, rendered by Graphviz. Takes at most about
    /// <see cref="GraphOptions.RenderBudget"/>: a graph that would take longer is drawn simplified, with a note.
    /// </summary>
    /// <exception cref="GraphvizNotFoundException">Graphviz is not installed; the message says how to install it.</exception>
    public static string ToSvg(this Value output, GraphOptions? options = null) =>
        Encoding.UTF8.GetString(GraphRender.Render(output, options ?? GraphOptions.Default, "svg"));

    /// <summary>Where <see cref="CountValues"/> stops counting by default.</summary>
    public const int CountLimit = DotWriter.CountLimit;

    /// <summary>
    /// How many values the graph behind <paramref name="output"/> has, counting no further than
    /// <paramref name="limit"/>: cheap even for a graph of millions of values.
    /// </summary>
    public static int CountValues(this Value output, int limit = CountLimit)
    {
        ArgumentNullException.ThrowIfNull(output);
        var walk = NearestFirst.Walk(output, Math.Max(1, limit), limit);
        return walk.Values.Count + walk.More;
    }

    /// <summary>
    /// Saves the graph to <paramref name="path"/> in the format its extension names (.svg, .png, .pdf, .dot),
    /// creating missing folders. The file appears whole or not at all: it is written beside and then moved into place.
    /// An existing file is replaced, unless it is read-only (then nothing is written and the error says so); a
    /// symbolic link is followed, so the file it points to is replaced and the link stays.
    /// </summary>
    /// <param name="output">The value whose graph is drawn.</param>
    /// <param name="path">Where to save it; the extension picks the format.</param>
    /// <param name="options">How to draw it (<see cref="GraphOptions.Default"/> when null).</param>
    /// <param name="scale">
    /// For .png: how many times Graphviz's 96 dpi to render at (2 doubles width and height in pixels). .svg and .pdf
    /// are vector drawings that scale without loss, and .dot is text: they are the same at any scale.
    /// </param>
    /// <exception cref="ArgumentException">The path or extension is unusable, or <paramref name="scale"/> is out of range,
    /// or a PNG at that scale would be over 32,767 pixels on a side (Graphviz would shrink it; nothing is written).</exception>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/> and why.</exception>
    public static void Save(this Value output, string path, GraphOptions? options = null, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("Save needs a file path such as \"graph.png\"; the path given was empty.");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            throw new ArgumentException(
                $"Cannot save a graph as '{Path.GetFileName(path)}': the extension must be one of {string.Join(", ", SupportedExtensions)}.");
        }
        if (!double.IsFinite(scale) || scale < 0.1 || scale > 10)
            throw new ArgumentException($"The scale must be between 0.1 and 10 (got {scale.ToString(CultureInfo.InvariantCulture)}); 2 doubles a PNG's pixels.");

        options ??= GraphOptions.Default;
        var bytes = extension switch
        {
            ".dot" => new UTF8Encoding(false).GetBytes(output.ToDot(options)),
            ".png" => GraphRender.Render(output, options, "png", dpi: BaseDpi * scale),
            _ => GraphRender.Render(output, options, extension[1..]),
        };
        if (extension == ".png" && PngSize(bytes) is var (width, height) && Math.Max(width, height) >= MaxBitmapSide)
        {
            throw new ArgumentException(
                $"At scale {scale.ToString(CultureInfo.InvariantCulture)} this graph is over {MaxBitmapSide:N0} pixels {(width >= height ? "wide" : "tall")}, the most " +
                "Graphviz draws a PNG at, so it would be shrunk to fit and come out blurrier than asked. Nothing was written. Save it as .svg or " +
                ".pdf (drawings, sharp at any size), or use a smaller scale.");
        }
        SafeFile.Write(path, bytes);
    }

    // Cairo's largest bitmap side: Graphviz scales a bigger picture down to this, saying so only on stderr.
    private const int MaxBitmapSide = 32_767;

    // A PNG's width and height, from its header chunk (bytes 16–23, big-endian).
    private static (int Width, int Height)? PngSize(byte[] png) =>
        png.Length >= 24 ? (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))) : null;
}
