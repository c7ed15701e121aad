using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>A cell whose outputs changed when it ran a second time.</summary>
internal sealed record RerunDifference(int Number, string FirstLine, string First, string Second)
{
    public override string ToString() => $"Cell {Number} re-runs differently: {FirstLine}\n  first run:  {First}\n  second run: {Second}";
}

/// <summary>
/// Compares a cell's outputs from Run All with its outputs when run again, by what a reader sees. Of a display
/// with several MIME types, only the one a notebook shows counts: the first of text/html, image/svg+xml, image/png,
/// image/jpeg, text/markdown, application/json, text/plain (so ScottPlot's text/plain "SVG image (24,460
/// characters)", whose length varies with its random clip-path ids, is not compared). Then:
/// <list type="bullet">
/// <item>text/html and image/svg+xml: the visible text only: scripts, styles, comments, titles (Graphviz's hover
/// tooltips, which hold its node ids), tags and attributes (ids, coordinates, colours, data URIs) removed, entities
/// decoded;</item>
/// <item>other text MIME types, stdout/stderr and errors: their text;</item>
/// <item>binary images (image/png, …): only that they are there;</item>
/// <item>then, in every text: durations (a number with ns, µs, us, ms, s, sec, second(s), min, minute(s), or a
/// TimeSpan like 00:00:01.25) become "⟨time⟩", GUIDs become "⟨guid⟩", and runs of whitespace become one space.</item>
/// </list>
/// Outputs are compared in order, one by one.
/// </summary>
internal static partial class RerunCheck
{
    public static RerunDifference? Compare(int number, string firstLine, IEnumerable<InteractiveDocumentOutputElement> first, IEnumerable<InteractiveDocumentOutputElement> second)
    {
        var a = string.Join(" ¶ ", first.Select(Visible));
        var b = string.Join(" ¶ ", second.Select(Visible));
        if (a == b) return null;
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at]) at++;
        return new RerunDifference(number, firstLine, Excerpt(a, at), Excerpt(b, at));
    }

    /// <summary>What a reader sees of one output, normalised as described on the class.</summary>
    public static string Visible(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement d => Shown(d.Data) is { } shown ? $"{shown}: {VisibleData(shown, d.Data[shown])}" : "(empty display)",
        TextElement t => $"{t.Name}: {Normalise(t.Text)}",
        ErrorElement e => $"error {e.ErrorName}: {Normalise(e.ErrorValue)}",
        _ => output.GetType().Name,
    };

    private static readonly string[] ShownFirst = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "application/json", "text/plain"];

    private static string? Shown(IDictionary<string, object> data) =>
        ShownFirst.FirstOrDefault(data.ContainsKey) ?? data.Keys.Order(StringComparer.Ordinal).FirstOrDefault();

    private static string VisibleData(string mimeType, object? value)
    {
        var text = value as string ?? (value is IEnumerable<object> lines ? string.Concat(lines) : value?.ToString() ?? "");
        if (mimeType is "text/html" or "image/svg+xml") return Normalise(VisibleText(text));
        if (mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType.EndsWith("json", StringComparison.Ordinal)) return Normalise(text);
        return "(present)";
    }

    /// <summary>
    /// The text of markup as a browser shows it: no scripts, styles, titles, comments, tags; entities decoded. A
    /// picture shown as <c>&lt;img src="data:image/svg+xml;base64,…"&gt;</c> counts with its SVG's text.
    /// </summary>
    public static string VisibleText(string markup)
    {
        markup = SvgDataUri().Replace(markup, m => ">" + System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)) + "<");
        var text = Hidden().Replace(markup, " ");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    public static string Normalise(string text)
    {
        text = Duration().Replace(text, "⟨time⟩");
        text = Guid().Replace(text, "⟨guid⟩");
        return Whitespace().Replace(text, " ").Trim();
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 40);
        var end = Math.Min(text.Length, at + 60);
        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }

    [GeneratedRegex(@"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<title\b.*?</title\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex SvgDataUri();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:ns|µs|μs|us|ms|s|sec|secs|seconds?|min|minutes?)(?!\w)|\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
