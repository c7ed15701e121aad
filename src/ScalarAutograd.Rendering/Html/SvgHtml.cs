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
    /// (Graphviz's points become CSS pixels at 96 dpi, as a browser draws an inline SVG).
    /// </summary>
    /// <param name="svgDocument">An SVG document or element.</param>
    /// <param name="alt">What the picture shows, for screen readers and where images are off.</param>
    public static string Image(string svgDocument, string alt)
    {
        ArgumentNullException.ThrowIfNull(svgDocument);
        ArgumentNullException.ThrowIfNull(alt);
        var (width, height) = NaturalSize(svgDocument);
        var id = "scalar-autograd-picture-" + Guid.NewGuid().ToString("N");
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" class=\"").Append(BoxClass).Append("\" style=\"overflow-x:auto;max-width:0;min-width:100%\">");
        html.Append(ImgTag(svgDocument, alt, width, height));
        html.Append("</div>");
        if (width > FitToggleWidth) html.Append(FitToggle(id));
        return html.ToString();
    }

    /// <summary>Pictures wider than this (CSS px) get a "fit to width" toggle where scripts run.</summary>
    public const double FitToggleWidth = 800;

    /// <summary>The smallest size (CSS px) a picture's text is drawn at, unless its reader asks to fit it to the cell.</summary>
    public const double SmallestTextPx = 10.3;

    // The <img> style that makes a picture of natural width `width` as wide as its box, up to that width and down to
    // the width where its smallest text is SmallestTextPx.
    private static string FittingStyle(string svgDocument, double width) => string.Create(CultureInfo.InvariantCulture,
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

    // A button above the picture that switches between its natural size (scroll to read) and the cell's width (see
    // the whole shape). Made by the script, so where scripts are stripped nothing dead is left behind.
    private static string FitToggle(string id) =>
        "<script>(function () {\n" +
        $"  var box = document.getElementById(\"{id}\"), img = box.querySelector(\"img\");\n" +
        """
          var button = document.createElement("button");
          button.type = "button";
          button.setAttribute("data-fit", "");
          button.style.margin = "2px 0";
          // Offered: the whole picture in the cell (however small its text) when it does not fit, else its natural size.
          var natural = img.getAttribute("width") + "px";
          button.textContent = box.scrollWidth > box.clientWidth + 1 ? "fit to width" : "natural size";
          button.addEventListener("click", function () {
            var fit = button.textContent === "fit to width";
            img.style.width = fit ? "100%" : natural;
            img.style.minWidth = fit ? "0" : natural;
            img.style.maxWidth = fit ? "100%" : "none";
            button.textContent = fit ? "natural size" : "fit to width";
          });
          box.parentNode.insertBefore(button, box);
        })();
        </script>
        """;

    /// <summary>
    /// The <c>&lt;img&gt;</c> element alone: <paramref name="width"/> × <paramref name="height"/> CSS pixels at natural
    /// size, as wide as its box down to readable text (see <see cref="SmallestTextPx"/>).
    /// </summary>
    internal static string ImgTag(string svgDocument, string alt, double width, double height)
    {
        var style = FittingStyle(svgDocument, width);
        var source = Convert.ToBase64String(Encoding.UTF8.GetBytes(Graphviz.InlineSvg(svgDocument)));
        return string.Create(CultureInfo.InvariantCulture,
            $"<img class=\"jp-mod-unconfined\" style=\"{style}\" width=\"{Math.Ceiling(width)}\" height=\"{Math.Ceiling(height)}\" alt=\"{WebUtility.HtmlEncode(alt)}\" src=\"data:image/svg+xml;base64,{source}\">");
    }

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

    [GeneratedRegex("viewBox=\"([-0-9.]+)[ ,]+([-0-9.]+)[ ,]+([0-9.]+)[ ,]+([0-9.]+)\"")]
    private static partial Regex ViewBoxPattern();
}
