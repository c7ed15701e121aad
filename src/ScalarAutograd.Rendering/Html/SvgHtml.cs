using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalarAutograd;

/// <summary>
/// An SVG picture as HTML that every notebook client shows readably: an <c>&lt;img&gt;</c> whose source is the SVG
/// itself (a <c>data:</c> URI), as wide as the cell up to its natural size, never shrunk below the size where its
/// smallest text is <see cref="SmallestTextPx"/> px, in a box that scrolls sideways when even that is wider than the cell.
/// </summary>
/// <remarks>
/// Why not inline <c>&lt;svg&gt;</c>: JupyterLab's sanitizer (every notebook someone else ran or shared is untrusted)
/// deletes inline SVG, and its stylesheet shrinks an inline SVG to the cell's width (<c>max-width: 100%</c>) until the
/// text is unreadable. An <c>&lt;img&gt;</c> with a data URI passes the sanitizer, and its own width limits (inline
/// style, which beats the stylesheet) keep the text readable; <c>jp-mod-unconfined</c> is the class JupyterLab itself
/// uses for such pictures.
/// </remarks>
public static partial class SvgHtml
{
    /// <summary>The class of the scrolling box around each picture.</summary>
    public const string BoxClass = "scalar-autograd-picture";

    /// <summary>
    /// <paramref name="svgDocument"/> as a scrolling box holding one <c>&lt;img&gt;</c> at the picture's natural size
    /// (Graphviz's points become CSS pixels at 96 dpi, as a browser draws an inline SVG). A graph too wide for a cell
    /// even at readable text opens scrolled to its output, which is what the text around it almost always names.
    /// </summary>
    /// <param name="svgDocument">An SVG document or element.</param>
    /// <param name="alt">What the picture shows, for screen readers and where images are off.</param>
    public static string Image(string svgDocument, string alt)
    {
        ArgumentNullException.ThrowIfNull(svgDocument);
        ArgumentNullException.ThrowIfNull(alt);
        var (width, height) = NaturalSize(svgDocument);
        var id = "scalar-autograd-picture-" + Guid.NewGuid().ToString("N");
        return NoteAbove(svgDocument, height) +
               "<div id=\"" + id + "\" class=\"" + BoxClass + "\" style=\"" + BoxStyle(svgDocument) + "\">" +
               ImgTag(svgDocument, alt, width, height) + "</div>";
    }

    /// <summary>The height (CSS px) above which a picture's bottom is out of view when its output opens.</summary>
    public const double VisibleHeight = 800;

    /// <summary>The class of the line above a picture that repeats the note drawn under it.</summary>
    public const string NoteClass = "scalar-autograd-note";

    // The note under a graph (why it is simplified, what is stale) is drawn at its bottom left, which a picture taller
    // than a screen or scrolled to its output leaves out of view: repeat it above the picture, where it is read first.
    internal static string NoteAbove(string svgDocument, double height)
    {
        if (height <= VisibleHeight && ReadableWidth(svgDocument) <= CellWidth) return "";
        var note = Caption(svgDocument);
        if (note.Length == 0) return "";
        // A tall picture can open on empty space (a simplified chain is a staircase): say where its output is.
        if (height > VisibleHeight && NodePosition(svgDocument, OutputTitle, Down) > 0.5)
            note += " The output is near the bottom of the picture: scroll down to it.";
        return $"<div class=\"{NoteClass}\" style=\"font-size:smaller;color:#7c2d12\">{WebUtility.HtmlEncode(note)}</div>";
    }

    /// <summary>The graph's caption (the note Graphviz draws under it), its lines joined; empty when there is none.</summary>
    public static string Caption(string svgDocument)
    {
        ArgumentNullException.ThrowIfNull(svgDocument);
        var start = svgDocument.IndexOf("class=\"graph\"", StringComparison.Ordinal);
        if (start < 0) return "";
        var end = svgDocument.IndexOf("<g id=", start, StringComparison.Ordinal);
        var head = svgDocument[start..(end < 0 ? svgDocument.Length : end)];
        return string.Join(" ", TextPattern().Matches(head).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).Where(t => t.Length > 0));
    }

    /// <summary>
    /// The style of the box around a picture: it scrolls sideways without widening the cell (so what is around it
    /// stays in view), and when the picture will scroll and its output is right of centre, it starts at the right
    /// end (<c>direction:rtl</c>: no script needed, so untrusted notebooks get it too).
    /// </summary>
    internal static string BoxStyle(string svgDocument) =>
        "overflow-x:auto;max-width:0;min-width:100%" +
        (ReadableWidth(svgDocument) > CellWidth && NodeFraction(svgDocument, OutputTitle) > 0.5 ? ";direction:rtl;text-align:left" : "");

    // DotWriter names the output's node v0.
    private const string OutputTitle = "<title>v0</title>";

    /// <summary>
    /// Where a node sits across the picture, 0 (left) to 1 (right): the node whose group holds
    /// <paramref name="marker"/> (its id attribute or its title); 0.5 when there is none.
    /// </summary>
    internal static double NodeFraction(string svg, string marker) => NodePosition(svg, marker, Across);

    private const int Across = 0, Down = 1;

    // Where a node sits along one axis of the picture, 0 to 1 (left to right, or top to bottom); 0.5 when it cannot
    // be found. Graphviz's points are "x,y" in the graph group's translated coordinates.
    private static double NodePosition(string svg, string marker, int axis)
    {
        var start = svg.IndexOf(marker, StringComparison.Ordinal);
        var viewBox = ViewBoxPattern().Match(svg);
        if (start < 0 || !viewBox.Success) return 0.5;
        var end = svg.IndexOf("</g>", start, StringComparison.Ordinal);
        var group = svg[start..(end < 0 ? svg.Length : end)];
        var coordinates = PointPattern().Matches(group).Select(m => Parse(m.Groups[1 + axis].Value)).ToList();
        if (coordinates.Count == 0) return 0.5;
        var shift = TranslatePattern().Match(svg) is { Success: true } t ? Parse(t.Groups[1 + axis].Value) : 0;
        var size = Parse(viewBox.Groups[3 + axis].Value);
        return size <= 0 ? 0.5 : Math.Clamp(((coordinates.Min() + coordinates.Max()) / 2 + shift) / size, 0, 1);
    }

    /// <summary>The smallest size (CSS px) a picture's text is drawn at, unless its reader asks to fit it to the cell.</summary>
    public const double SmallestTextPx = 10.3;

    /// <summary>
    /// The narrowest cell a picture is laid out for, in CSS px: an output in a 900 px wide window of the classic
    /// Notebook app (606 px with its padding, measured; JupyterLab's is 778 px, VS Code's often about 900).
    /// </summary>
    public const double CellWidth = 590;

    /// <summary>How narrow <paramref name="svgDocument"/> can be drawn with its smallest text at <see cref="SmallestTextPx"/> (CSS px).</summary>
    public static double ReadableWidth(string svgDocument)
    {
        var width = NaturalSize(svgDocument).Width;
        return width * MinimumScale(svgDocument, width);
    }

    /// <summary>The <c>&lt;img&gt;</c> (or inline SVG) style that makes a picture of natural width <paramref name="width"/>
    /// as wide as its box, up to that width and down to the width where its smallest text is <see cref="SmallestTextPx"/>.</summary>
    internal static string FittingStyle(string svgDocument, double width) => string.Create(CultureInfo.InvariantCulture,
        $"width:100%;max-width:{Math.Ceiling(width)}px;min-width:{Math.Ceiling(width * MinimumScale(svgDocument, width))}px;height:auto");

    // How far the picture may shrink: until its smallest text is SmallestTextPx (Graphviz's 12 pt labels: to 0.64 of
    // natural size; 10 pt edge labels: 0.77). Text sizes are in the viewBox's units, drawn at width / viewBox width.
    private static double MinimumScale(string svg, double width)
    {
        var sizes = FontSizePattern().Matches(svg).Select(m => Parse(m.Groups[1].Value)).Where(size => size > 0).ToList();
        if (sizes.Count == 0) return 0.5; // no text to keep readable
        var viewBox = ViewBoxPattern().Match(svg);
        var pxPerUnit = viewBox.Success && Parse(viewBox.Groups[3].Value) > 0 ? width / Parse(viewBox.Groups[3].Value) : 1;
        return Math.Min(1, SmallestTextPx / (sizes.Min() * pxPerUnit));
    }

    /// <summary>
    /// The <c>&lt;img&gt;</c> element alone: <paramref name="width"/> × <paramref name="height"/> CSS pixels at natural
    /// size, as wide as its box down to readable text (see <see cref="SmallestTextPx"/>).
    /// </summary>
    internal static string ImgTag(string svgDocument, string alt, double width, double height)
    {
        var style = FittingStyle(svgDocument, width);
        var classes = ImgClasses(svgDocument);
        var source = Convert.ToBase64String(Encoding.UTF8.GetBytes(Graphviz.InlineSvg(svgDocument)));
        return string.Create(CultureInfo.InvariantCulture,
            $"<img class=\"{classes}\" style=\"{style}\" width=\"{Math.Ceiling(width)}\" height=\"{Math.Ceiling(height)}\" alt=\"{WebUtility.HtmlEncode(alt)}\" src=\"data:image/svg+xml;base64,{source}\">");
    }

    /// <summary>
    /// The picture's classes: <c>jp-mod-unconfined</c> (JupyterLab) always, and the classic Notebook app's
    /// <c>unconfined</c> when the picture does not fit a cell at readable text. That app strips inline styles from
    /// untrusted outputs, and its stylesheet then shrinks every picture to the cell: one that fits at readable text
    /// shrinks only that far, one that does not keeps its natural size (and scrolls) by this class alone.
    /// </summary>
    internal static string ImgClasses(string svgDocument) =>
        ReadableWidth(svgDocument) > CellWidth ? "jp-mod-unconfined unconfined" : "jp-mod-unconfined";

    /// <summary>The size a browser draws <paramref name="svg"/> at, in CSS pixels: its width and height attributes, else its viewBox.</summary>
    public static (double Width, double Height) NaturalSize(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = start < 0 ? -1 : svg.IndexOf('>', start);
        if (end < 0) throw new ArgumentException("Expected SVG text with an <svg> element.", nameof(svg));
        var tag = svg[start..end];
        var viewBox = ViewBoxPattern().Match(tag);
        double? boxWidth = viewBox.Success ? Parse(viewBox.Groups[3].Value) : null;
        double? boxHeight = viewBox.Success ? Parse(viewBox.Groups[4].Value) : null;
        var width = Length(tag, "width") ?? boxWidth ?? 300;
        var height = Length(tag, "height") ?? boxHeight ?? 150;
        return (width, height);
    }

    // A length attribute in CSS pixels: 1pt = 4/3 px, px or no unit = 1 px; null for percentages or none.
    private static double? Length(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"([0-9.]+)(pt|px)?\"");
        if (!m.Success) return null;
        var value = Parse(m.Groups[1].Value);
        return m.Groups[2].Value == "pt" ? value * 4 / 3 : value;
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex("font-size(?:=\"|:\\s*)([0-9.]+)")]
    private static partial Regex FontSizePattern();

    [GeneratedRegex("(?:[ \"])(-?[0-9.]+),(-?[0-9.]+)")]
    private static partial Regex PointPattern();

    [GeneratedRegex("class=\"graph\" transform=\"[^\"]*translate\\((-?[0-9.]+)[ ,]+(-?[0-9.]+)\\)")]
    private static partial Regex TranslatePattern();

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex TextPattern();

    [GeneratedRegex("viewBox=\"([-0-9.]+)[ ,]+([-0-9.]+)[ ,]+([0-9.]+)[ ,]+([0-9.]+)\"")]
    private static partial Regex ViewBoxPattern();
}
