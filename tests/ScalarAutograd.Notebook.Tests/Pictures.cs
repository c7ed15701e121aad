using System.Text;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>Outputs show pictures as <c>&lt;img src="data:image/svg+xml;base64,…"&gt;</c>: their SVG, decoded in place, for tests that read it.</summary>
internal static partial class Pictures
{
    // In .ipynb JSON a writer may escape '+' (\u002B) and '/' (\/): undo that first.
    public static string Decode(string text) =>
        DataUri().Replace(text.Replace("\\u002B", "+").Replace("\\/", "/"), m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    [GeneratedRegex("data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex DataUri();
}
