using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The notebooks' shared convention for what prose says about an output: in a markdown cell, <c>**name = number**</c>
/// (a value's data, or a column's or a line's number) and <c>**name.grad = number**</c> are claims about the next
/// code cell's outputs. Each claim must be found there — a drawn box labelled <c>name</c> with that data or grad, or
/// <c>name = number</c> / <c>name: number</c> / <c>name number</c> in the output's text or table rows — at the precision
/// the claim is written in (− or -, and 1e−6, accepted).
/// </summary>
internal static partial class Claims
{
    public sealed record Claim(int Cell, string Name, bool Grad, string Number);

    /// <summary>Every claim in a notebook's markdown, with the index of the code cell it is about.</summary>
    public static List<Claim> Read(IReadOnlyList<InteractiveDocumentElement> cells)
    {
        var claims = new List<Claim>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].KernelName != "markdown") continue;
            var next = Enumerable.Range(i + 1, cells.Count - i - 1).FirstOrDefault(j => cells[j].KernelName == "csharp", -1);
            foreach (Match m in ClaimPattern().Matches(cells[i].Contents))
            {
                Assert.True(next >= 0, $"the claim **{m.Value}** has no code cell after it");
                var name = m.Groups["name"].Value.Trim();
                var grad = name.EndsWith(".grad", StringComparison.Ordinal);
                claims.Add(new Claim(next, grad ? name[..^5] : name, grad, m.Groups["number"].Value));
            }
        }
        return claims;
    }

    /// <summary>The claims the outputs do not bear out, each with what the output holds instead.</summary>
    public static List<string> False(IReadOnlyList<InteractiveDocumentElement> cells)
    {
        var problems = new List<string>();
        foreach (var claim in Read(cells))
        {
            var output = ExecutedNotebook.CellText(cells[claim.Cell]);
            var (value, tolerance) = Parse(claim.Number);
            var candidates = Candidates(output, claim).ToList();
            if (!candidates.Any(x => Math.Abs(x - value) <= tolerance))
                problems.Add($"**{claim.Name}{(claim.Grad ? ".grad" : "")} = {claim.Number}** (about cell {claim.Cell + 1}: {cells[claim.Cell].Contents.Split('\n')[0]}): " +
                             (candidates.Count == 0 ? "nothing by that name in the output" : $"the output shows {string.Join(", ", candidates.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))}"));
        }
        return problems;
    }

    // The numbers the output gives for the claim's name: boxes by label, then "name = x" in the visible text.
    private static IEnumerable<double> Candidates(string output, Claim claim)
    {
        // A live graph carries its picture as a percent-encoded data URI, with single-quoted attributes.
        output = Regex.Replace(output, "data:image/svg\\+xml(?:;charset=[^,\"]*)?,([^\"]+)", m => Uri.UnescapeDataString(m.Groups[1].Value));
        foreach (var x in Drawn(output, claim.Name, claim.Grad)) yield return x;
        var text = WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(output, "<(script|style|title)\\b.*?</\\1\\s*>", " ", RegexOptions.Singleline), "<[^>]*>", " "));
        var name = Regex.Escape(claim.Name + (claim.Grad ? ".grad" : ""));
        foreach (Match m in Regex.Matches(text, $"(?<![\\w.]){name}\\s*(?:=|:)?\\s*(?<n>[−-]?\\d[\\d,]*(?:\\.\\d+)?(?:[eE][−+-]?\\d+)?)"))
        {
            if (TryNumber(m.Groups["n"].Value, out var x)) yield return x;
        }
    }

    /// <summary>The data (or with <paramref name="grad"/>, the grad) of every box labelled <paramref name="name"/> in the SVG drawings in <paramref name="svg"/>.</summary>
    public static IEnumerable<double> Drawn(string svg, string name, bool grad)
    {
        foreach (Match node in Regex.Matches(svg, "<g id=['\"][^'\"]*node\\d+['\"] class=['\"]node['\"]>(.*?)</g>", RegexOptions.Singleline))
        {
            var texts = Regex.Matches(node.Groups[1].Value, "<text[^>]*>([^<]*)</text>").Select(t => WebUtility.HtmlDecode(t.Groups[1].Value).Trim()).ToList();
            if (texts.Count < 2 || texts[0] != name) continue;
            var cell = texts.FirstOrDefault(t => t.StartsWith(grad ? "grad " : "data ", StringComparison.Ordinal));
            if (cell is not null && TryNumber(cell[5..], out var x)) yield return x;
        }
    }

    private static (double Value, double Tolerance) Parse(string number)
    {
        var text = number.Replace('−', '-').Replace(",", "");
        var mantissa = text.Split('e', 'E')[0];
        var exponent = text.Contains('e', StringComparison.OrdinalIgnoreCase) ? int.Parse(text.Split('e', 'E')[1], CultureInfo.InvariantCulture) : 0;
        var decimals = mantissa.Contains('.') ? mantissa.Length - mantissa.IndexOf('.') - 1 : 0;
        return (double.Parse(text, CultureInfo.InvariantCulture), 0.5 * Math.Pow(10, exponent - decimals) * (1 + 1e-9));
    }

    private static bool TryNumber(string text, out double x) =>
        double.TryParse(text.Replace('−', '-').Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out x);

    [GeneratedRegex(@"\*\*(?<name>[^*=\n]+?)\s*=\s*(?<number>[−-]?\d[\d,]*(?:\.\d+)?(?:e[−+-]?\d+)?)\*\*")]
    private static partial Regex ClaimPattern();
}
