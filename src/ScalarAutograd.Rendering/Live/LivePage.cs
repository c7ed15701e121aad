using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering;

/// <summary>
/// The HTML of a live graph. The drawing travels once, as an <c>&lt;img&gt;</c> with the SVG in a data URI: that is
/// what survives where scripts and inline SVG are stripped (JupyterLab's sanitizer for untrusted notebooks, scripts
/// off), so those places still show the static graph. Where scripts run, LiveGraph.js turns the same SVG into inline
/// SVG whose text it can update, and builds the sliders.
/// </summary>
internal static partial class LivePage
{
    private static readonly Lazy<string> Script = new(() => Resource("LiveGraph.js") + Resource("LiveView.js"));

    private static string Resource(string name)
    {
        using var stream = typeof(LivePage).Assembly.GetManifestResourceStream("ScalarAutograd.Rendering." + name)
            ?? throw new InvalidOperationException($"{name} is missing from the assembly's resources.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The script, for tests that run its functions outside a page.</summary>
    public static string ScriptText => Script.Value;

    /// <param name="id">A unique element id (many outputs share a notebook page).</param>
    /// <param name="svg">The drawing, an inline <c>&lt;svg&gt;</c> element.</param>
    /// <param name="model">The graph as <see cref="LiveModel"/> JSON; null for a static view.</param>
    /// <param name="note">Shown above the drawing (why it is static), or null.</param>
    public static string Fragment(string id, string svg, string? model, string? note)
    {
        var html = new StringBuilder(svg.Length + Script.Value.Length + (model?.Length ?? 0) + 1024);
        html.Append("<div id=\"").Append(id).Append("\" class=\"scalar-autograd-live\" style=\"font-family:sans-serif\">\n");
        if (note is not null)
            html.Append("<div style=\"margin:4px 0\">").Append(WebUtility.HtmlEncode(note)).Append("</div>\n");
        else
            html.Append("<div class=\"sa-live-static\" style=\"margin:4px 0;font-size:smaller;opacity:0.8\">A static picture: ")
                .Append("this viewer runs no scripts. Trust the notebook, or open the page saved by <code>Live().Save(\"graph.html\")</code> ")
                .Append("in a browser, to drag the inputs.</div>\n");
        // The picture in its own box, sized as every static picture is (SvgHtml): it fits the cell down to readable
        // text and scrolls alone beyond that, so the sliders above it stay in view.
        var (width, height) = SvgHtml.NaturalSize(svg);
        html.Append("<div class=\"").Append(SvgHtml.BoxClass).Append(" sa-live-graph\" style=\"").Append(SvgHtml.BoxStyle(svg))
            .Append("\"><img alt=\"computation graph\" class=\"").Append(SvgHtml.ImgClasses(svg)).Append("\" style=\"").Append(SvgHtml.FittingStyle(svg, width))
            .Append(string.Create(CultureInfo.InvariantCulture, $"\" width=\"{Math.Ceiling(width)}\" height=\"{Math.Ceiling(height)}\" src=\""))
            .Append(DataUri(svg)).Append("\"></div>\n");
        if (model is not null)
        {
            html.Append("<script type=\"application/json\" class=\"sa-live-model\">").Append(model).Append("</script>\n")
                .Append("<script>\n").Append(Script.Value)
                .Append("ScalarAutogradLive.startAll(\"").Append(id).Append("\", document.currentScript);\n</script>\n");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>A whole page around a fragment: UTF-8, a title, nothing loaded from anywhere else.</summary>
    public static string Standalone(string fragment, string title) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + WebUtility.HtmlEncode(title) +
        "</title>\n</head>\n<body>\n" + fragment + "\n</body>\n</html>\n";

    /// <summary>Writes a page whole or not at all (beside, then moved into place), creating missing folders.</summary>
    public static void Write(string path, string html)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// The SVG as a <c>data:</c> URI for a double-quoted attribute. Percent-encoding only what must be (the URI's own
    /// %, #, the quote, what HTML would decode, whitespace) keeps it ~5% larger than the SVG, where base64 adds 33%.
    /// </summary>
    public static string DataUri(string svg)
    {
        svg = DoubleQuotedAttribute().Replace(svg, "='$1'"); // XML allows either quote: ' costs 1 byte here, " 3
        var uri = new StringBuilder("data:image/svg+xml;charset=utf-8,", svg.Length + svg.Length / 8);
        foreach (var c in svg)
        {
            switch (c)
            {
                case '%': uri.Append("%25"); break;
                case '#': uri.Append("%23"); break;
                case '&': uri.Append("%26"); break;
                case '"': uri.Append("%22"); break;
                case '<': uri.Append("%3C"); break;
                case '>': uri.Append("%3E"); break;
                case '\n': uri.Append("%0A"); break;
                case '\r': uri.Append("%0D"); break;
                case '\t': uri.Append("%09"); break;
                default: uri.Append(c); break;
            }
        }
        return uri.ToString();
    }

    // An attribute value in double quotes with no quote or markup inside: safe to write in single quotes.
    [GeneratedRegex("(?<=\\s[A-Za-z_:][-A-Za-z0-9_:.]*)=\"([^\"'<>]*)\"")]
    private static partial Regex DoubleQuotedAttribute();
}
