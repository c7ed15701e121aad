using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

public sealed record LossRow(string Name, double Loss, int Step);

/// <summary>Results as tables: sequences of anonymous objects and records. Formatters are process-wide: one collection.</summary>
[Collection("Formatters")]
public sealed class TableTests : RegisteredFormatters
{
    private static readonly (double X, double H)[] Points = [(3.0, 0.001), (3.0, 0.000001), (-2.0, 0.0001)];

    private static double Slope(double x, double h) => ((3 * (x + h) * (x + h) - 4 * (x + h) + 5) - (3 * x * x - 4 * x + 5)) / h;

    [Fact]
    public void Anonymous_objects_show_as_a_table_in_the_number_format_with_the_full_value_on_hover()
    {
        var rows = Points.Select(p => new { x = p.X, h = p.H, slope = Slope(p.X, p.H), exact = 6 * p.X - 4 });
        var html = rows.ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<table class=\"scalar-autograd-table\"><thead><tr><th>x</th><th>h</th><th>slope</th><th>exact</th></tr></thead>", html);
        Assert.Equal(3, Regex.Count(html, "<tr><td"));
        var slope = Slope(3.0, 0.001); // 14.003000000000...: F4 shows 14.0030, the title has every digit
        Assert.Contains($"<td style=\"text-align:right;white-space:nowrap\" title=\"{slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\">14.0030</td>", html);
        Assert.Contains(">14.0000</td>", html); // exact, no title needed: nothing was rounded away
        Assert.DoesNotContain("dni-treeview", html);

        NotebookFormatters.Options = GraphOptions.Default with { NumberFormat = "G3" };
        Assert.Contains(">14</td>", rows.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void A_column_shows_enough_digits_to_tell_different_numbers_apart()
    {
        // The lecture's neuron in float64 and float32: equal to 4 decimals, different at the 8th.
        float x1 = 2f, w1 = -3f, b = 6.8813735870195432f;
        var o32 = MathF.Tanh(x1 * w1 + b);
        var o64 = Math.Tanh(2.0 * -3.0 + 6.8813735870195432);
        var html = new[] { new { source = "double", o = o64 }, new { source = "float", o = (double)o32 }, new { source = "again", o = o64 } }.ToDisplayString(HtmlFormatter.MimeType);
        string F(double x, int d) => x.ToString("F" + d, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(F(o64, 4), F(o32, 4)); // the notebook's F4 would show them alike
        var fewest = Enumerable.Range(4, 12).First(d => F(o64, d) != F(o32, d));
        Assert.Contains($">{F(o64, fewest)}</td>", html);
        Assert.Contains($">{F(o32, fewest)}</td>", html);
        Assert.DoesNotContain($">{F(o64, fewest + 1)}</td>", html);
    }

    [Fact]
    public void Plain_text_has_every_digit_in_aligned_columns()
    {
        var rows = Points.Select(p => new { x = p.X, slope = Slope(p.X, p.H) }).ToList();
        var lines = rows.ToDisplayString(PlainTextFormatter.MimeType).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^\s*x\s+slope$", lines[0]);
        foreach (var (row, line) in rows.Zip(lines.Skip(1)))
            Assert.EndsWith(row.slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture), line);
        Assert.Single(lines.Select(l => l.Length).Distinct()); // numbers right-aligned: every line ends at the same column
    }

    [Fact]
    public void Records_show_as_a_table_too()
    {
        var html = new List<LossRow> { new("hinge", 0.25, 1), new("mse", 1.0 / 3, 2) }.ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<table class=\"scalar-autograd-table\"><thead><tr><th>Name</th><th>Loss</th><th>Step</th></tr>", html);
        Assert.Contains(">0.3333</td>", html);
        Assert.Contains("<td style=\"text-align:left\">hinge</td>", html);
    }

    [Fact]
    public void Tuples_show_as_a_table_with_their_item_columns()
    {
        var html = new List<(double, double)> { (3.0, Slope(3.0, 0.001)), (-2.0, Slope(-2.0, 0.001)) }.ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<table class=\"scalar-autograd-table\"><thead><tr><th>Item1</th><th>Item2</th></tr>", html);
        Assert.Contains(">14.0030</td>", html);
    }

    [Fact]
    public void Other_sequences_look_exactly_as_before()
    {
        var words = new List<string> { "a", "b" };
        var numbers = new[] { 1.5, 2.5 };
        var mixed = new List<object> { new { a = 1 }, "x" };
        var pairs = new Dictionary<string, double> { ["a"] = 1.5 };
        Formatter.ResetToDefault();
        var before = new[] { words.ToDisplayString(HtmlFormatter.MimeType), numbers.ToDisplayString(HtmlFormatter.MimeType), mixed.ToDisplayString(HtmlFormatter.MimeType), "text".ToDisplayString(HtmlFormatter.MimeType), words.ToDisplayString(PlainTextFormatter.MimeType), pairs.ToDisplayString(HtmlFormatter.MimeType), numbers.ToDisplayString(PlainTextFormatter.MimeType) };
        NotebookFormatters.Register();
        NotebookFormatters.Register(); // twice, as a notebook re-run does
        var after = new[] { words.ToDisplayString(HtmlFormatter.MimeType), numbers.ToDisplayString(HtmlFormatter.MimeType), mixed.ToDisplayString(HtmlFormatter.MimeType), "text".ToDisplayString(HtmlFormatter.MimeType), words.ToDisplayString(PlainTextFormatter.MimeType), pairs.ToDisplayString(HtmlFormatter.MimeType), numbers.ToDisplayString(PlainTextFormatter.MimeType) };
        Assert.Equal(before, after);
        Assert.StartsWith("<table><thead><tr><th>#</th><th>label</th>", new[] { new Value(1.0, "w") }.ToDisplayString(HtmlFormatter.MimeType));
    }
}
