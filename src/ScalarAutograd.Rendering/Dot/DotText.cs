using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// The one escaping path for every text a drawing shows — labels, operations, edge labels, the caption under the
/// graph, a learner's own <c>Op</c> — so that no text can break the graph, add to it, or make the SVG invalid XML.
/// All of it goes into HTML-like labels (<see cref="Html"/>): XML escaping covers &lt; &gt; &amp; and quotes, and
/// Graphviz writes such text to SVG escaped whole (in a plain quoted label it would pass <c>&amp;#1;</c> through as an
/// entity); Graphviz's own escapes (\N, \G, …) still apply, so a backslash is doubled.
/// </summary>
internal static class DotText
{
    /// <summary>
    /// The text as it can be drawn: a character XML cannot hold (controls, U+FFFE/U+FFFF, half a surrogate pair)
    /// becomes U+FFFD, the visible stand-in; a line or paragraph separator (U+2028/U+2029, which Pango cannot lay
    /// out) becomes a newline. Everything else stays as typed.
    /// </summary>
    public static string Visible(string text)
    {
        StringBuilder? sb = null; // most text needs nothing: no copy then
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char? replacement = c switch
            {
                '\n' or '\r' or '\t' => null,
                '\u2028' or '\u2029' => '\n',
                '\uFFFE' or '\uFFFF' => '\uFFFD',
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) || char.IsControl(c) => '\uFFFD',
                _ => null,
            };
            if (replacement is null && sb is null) continue;
            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            sb.Append(replacement ?? c);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>Text for inside an HTML-like label: newlines become line breaks, everything else shows as typed (see <see cref="Visible"/>).</summary>
    public static string Html(string text)
    {
        text = Visible(text);
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\\': sb.Append(@"\\"); break;
                case ']': sb.Append("&#93;"); break; // Graphviz 2.43 rejects a lone ']' as a label's whole text
                case '\n': sb.Append("<br/>"); break;
                case '\r': if (i + 1 >= text.Length || text[i + 1] != '\n') sb.Append("<br/>"); break;
                case '\t': sb.Append(' '); break; // Graphviz drops tabs
                case ' ' when i + 1 < text.Length && text[i + 1] == ' ': sb.Append("&#160;"); break; // keep runs of spaces
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
