using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// Escaping for user text inside DOT, so that no label can break the graph or add to it. Labels go into HTML-like
/// labels: XML escaping covers &lt; &gt; &amp; and quotes, and Graphviz's own escapes (\N, \G, …) still apply after
/// that, so a backslash is doubled.
/// </summary>
internal static class DotText
{
    /// <summary>Text for inside an HTML-like label: newlines become line breaks, everything else shows as typed.</summary>
    public static string Html(string text)
    {
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
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]); // an emoji or other astral character, whole
                    }
                    else if (char.IsSurrogate(c) || (char.IsControl(c) && c != '\t') || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD'); // not allowed in XML, or half a character
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Text for inside a double-quoted DOT string.</summary>
    public static string Quoted(string text) => text.Replace(@"\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");
}
