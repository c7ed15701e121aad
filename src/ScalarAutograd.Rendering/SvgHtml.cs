using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalarAutograd;

/// <summary>
/// An SVG picture as HTML that every notebook client shows at its natural size: an <c>&lt;img&gt;</c> whose source is
/// the SVG itself (a <c>data:</c> URI), in a box that scrolls sideways when the picture is wider than the cell.
/// </summary>
/// <remarks>
/// Why not inline <c>&lt;svg&gt;</c>: JupyterLab's sanitizer (every notebook someone else ran or shared is untrusted)
/// deletes inline SVG, and its stylesheet shrinks an inline SVG to the cell's width (<c>max-width: 100%</c>) until the
/// text is unreadable. An <c>&lt;img&gt;</c> with a data URI passes the sanitizer, and <c>jp-mod-unconfined</c> (the
/// class JupyterLab itself uses for that) plus <c>max-width: none</c> keeps it at its own width; the sanitizer keeps
/// both, and <c>overflow-x</c> on the box.
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
          button.textContent = "fit to width";
          button.addEventListener("click", function () {
            var fit = img.style.maxWidth !== "100%";
            img.style.maxWidth = fit ? "100%" : "none";
            img.style.height = "auto";
            button.textContent = fit ? "natural size" : "fit to width";
          });
          box.parentNode.insertBefore(button, box);
        })();
        </script>
        """;

    /// <summary>The <c>&lt;img&gt;</c> element alone, at <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    internal static string ImgTag(string svgDocument, string alt, double width, double height)
    {
        var source = Convert.ToBase64String(Encoding.UTF8.GetBytes(Graphviz.InlineSvg(svgDocument)));
        return string.Create(CultureInfo.InvariantCulture,
            $"<img class=\"jp-mod-unconfined\" style=\"max-width:none\" width=\"{Math.Ceiling(width)}\" height=\"{Math.Ceiling(height)}\" alt=\"{WebUtility.HtmlEncode(alt)}\" src=\"data:image/svg+xml;base64,{source}\">");
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

    [GeneratedRegex("viewBox=\"([-0-9.]+)[ ,]+([-0-9.]+)[ ,]+([0-9.]+)[ ,]+([0-9.]+)\"")]
    private static partial Regex ViewBoxPattern();
}
