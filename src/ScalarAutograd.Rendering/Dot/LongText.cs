using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// A label as a box shows it: at most <see cref="MaxLines"/> lines of <see cref="MaxLineLength"/> characters, cut
/// with "…"; the full text (up to <see cref="MaxTooltipLength"/>) is the node's tooltip, shown on hover. Graphviz's
/// layout time grows with the text it measures (400 values with 40 kB labels took 4–6 s), so what is drawn is bounded.
/// </summary>
internal static class LongText
{
    public const int MaxLineLength = 40;
    public const int MaxLines = 3;
    public const int MaxTooltipLength = 1_000;

    /// <summary>The label to draw, or the label itself when it fits.</summary>
    public static string Shown(string label)
    {
        if (label.Length <= MaxLineLength && label.IndexOfAny(['\n', '\r', '\u2028', '\u2029']) < 0) return label; // the common case
        var lines = DotText.Visible(label).ReplaceLineEndings("\n").Split('\n');
        var shown = lines.Take(MaxLines).Select(l => Cut(l, MaxLineLength)).ToList();
        if (lines.Length > MaxLines) shown[^1] = Cut(lines[MaxLines - 1], MaxLineLength - 2).TrimEnd('…') + " …"; // more lines follow
        return string.Join("\n", shown);
    }

    /// <summary>The tooltip attribute for a label that <see cref="Shown"/> cut, else "".</summary>
    public static string Tooltip(string? label)
    {
        if (label is null || Shown(label) == label) return "";
        // A tooltip is a plain DOT string: Graphviz would pass "&#1;" through into the SVG as an entity, so an
        // ampersand shows as the full-width ＆; backslashes and quotes are escaped, line breaks kept.
        var text = Cut(DotText.Visible(label), MaxTooltipLength);
        var sb = new StringBuilder(" tooltip=\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "＆",
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => "",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>At most <paramref name="length"/> characters, the last one "…" when cut (never half a surrogate pair).</summary>
    public static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        var end = length - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }
}
