using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook;

/// <summary>
/// HTML you built yourself, shown as it is: <c>HtmlOutput.From("&lt;table&gt;…&lt;/table&gt;")</c> at the end of a cell.
/// The kernel's own <c>HTML(…)</c> does the same but makes the Jupyter kernel print a compiler warning (CS1701, an
/// assembly version it unifies) under the cell; this does not.
/// </summary>
/// <param name="Html">The markup.</param>
public sealed partial record HtmlOutput(string Html)
{
    /// <summary>Wraps HTML text for display.</summary>
    public static HtmlOutput From(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new HtmlOutput(html);
    }

    /// <summary>The text without its tags, for terminals and text outputs.</summary>
    public override string ToString() => WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(Html, " "), " ").Trim());

    internal static void Register()
    {
        Formatter.Register<HtmlOutput>((h, w) => w.Write(h.Html), HtmlFormatter.MimeType);
        Formatter.Register<HtmlOutput>((h, w) => w.Write(h.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlOutput), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
