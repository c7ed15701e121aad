using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ScalarAutograd.Rendering.Tests;

public class BackpropViewTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static (Value O, Value W1) Neuron()
    {
        var (_, _, w1, _, _, n) = Lecture.Neuron();
        var o = n.Tanh();
        o.Backward();
        return (o, w1);
    }

    private static string F4(double x) => Shown.Number(x, "F4").Replace('-', '−');

    [Fact]
    public void Every_operand_edge_names_its_derivative_and_what_flows_back_on_its_own_edge()
    {
        var L = Lecture.BackpropagatedL();
        var svg = Svg.Parse(L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct }));
        // The lecture's numbers: local derivatives, and each operand's grad (what flows back), by hand.
        var expected = new Dictionary<string, string>
        {
            ["a"] = "∂e/∂a = b = −3.0000\n× e.grad = −2.0000 → 6.0000",
            ["b"] = "∂e/∂b = a = 2.0000\n× e.grad = −2.0000 → −4.0000",
            ["e"] = "∂d/∂e = 1\n× d.grad = −2.0000 → −2.0000",
            ["c"] = "∂d/∂c = 1\n× d.grad = −2.0000 → −2.0000",
            ["d"] = "∂L/∂d = f = −2.0000\n× L.grad = 1.0000 → −2.0000",
            ["f"] = "∂L/∂f = d = 4.0000\n× L.grad = 1.0000 → 4.0000",
        };
        var ids = Svg.Groups(svg, "node").ToDictionary(g => g.Element(Ns + "title")!.Value, Svg.Text);
        var labelled = Svg.Groups(svg, "edge")
            .Select(g => (Title: g.Element(Ns + "title")!.Value, Text: Svg.Text(g)))
            .Where(e => e.Title.EndsWith("op", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(6, labelled.Count);
        foreach (var (title, text) in labelled)
        {
            var operand = ids[title.Split("->")[0]].Split('\n')[0]; // the operand's label is its box's first text
            Assert.Equal(expected[operand], text); // exactly its own label, on its own edge
        }
        Assert.Contains("∂e/∂a = b = −3.0000", Svg.AllText(Svg.Parse(L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivative }))));
        Assert.DoesNotContain("× e.grad", Svg.AllText(Svg.Parse(L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivative }))));
    }

    [Fact]
    public void Unlabelled_values_are_named_by_their_expression_on_edges()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var out_ = (a * b).Tanh();
        var text = Svg.AllText(Svg.Parse(out_.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivative })));
        Assert.Contains("∂(a*b)/∂a = b = −3.0000", text);
        Assert.Contains("∂tanh(a*b)/∂(a*b) = 1 − tanh(a*b)² = " + F4(1 - Math.Pow(Math.Tanh(-6), 2)), text);
    }

    // Text on every fill a drawing uses reads at WCAG AA (4.5:1): walk each node's shapes in drawing order, the
    // text's background is the last filled shape before it.
    private static List<(string Text, string Color, string Background, double Contrast)> TextContrasts(string svgText)
    {
        var result = new List<(string, string, string, double)>();
        foreach (var node in Svg.Groups(Svg.Parse(svgText), "node"))
        {
            var background = "#ffffff";
            foreach (var shape in node.Elements())
            {
                var fill = (string?)shape.Attribute("fill");
                if (shape.Name == Ns + "text")
                {
                    var color = fill is null or "none" ? "#000000" : fill;
                    result.Add((shape.Value, color, background, Wcag.Contrast(color, background)));
                }
                else if (shape.Name != Ns + "title" && fill is not null && fill != "none" && fill != "transparent")
                {
                    background = fill;
                }
            }
        }
        return result;
    }

    [Fact]
    public void Text_on_every_grad_colour_has_at_least_AA_contrast()
    {
        // Grads from −1.5 to 1.5 in small steps: every shade of the palette appears.
        var values = Enumerable.Range(-15, 31).Select(k => new Value(k / 10.0, $"v{k}")).ToList();
        var sum = Value.Sum(values.Select(v => v * 1.0));
        sum.Backward();
        foreach (var v in values) v.Grad = v.Data; // grad = data: a sweep of the scale
        var svg = sum.ToSvg(new GraphOptions { ColorByGrad = true });
        var contrasts = TextContrasts(svg);
        Assert.Contains(contrasts, c => c.Background != "#ffffff"); // the sweep did colour boxes
        Assert.All(contrasts, c => Assert.True(c.Contrast >= 4.5, $"'{c.Text}' in {c.Color} on {c.Background}: {c.Contrast:F2}:1"));
        var (o, _) = Neuron();
        Assert.All(TextContrasts(o.ToSvg(new GraphOptions { ColorByGrad = true })), c => Assert.True(c.Contrast >= 4.5, $"'{c.Text}' on {c.Background}: {c.Contrast:F2}"));
        var frames = o.BackwardSteps();
        for (var k = 0; k < frames.Frames.Count; k++)
            Assert.All(TextContrasts(frames.FrameToSvg(k)), c => Assert.True(c.Contrast >= 4.5, $"frame {k}: '{c.Text}' on {c.Background}: {c.Contrast:F2}"));
    }

    [Fact]
    public void Colouring_is_deterministic_and_its_legend_spans_the_largest_grad()
    {
        var (o, _) = Neuron();
        var options = new GraphOptions { ColorByGrad = true };
        var dot = o.ToDot(options);
        Assert.Equal(dot, Neuron().O.ToDot(options));
        var max = o.TopologicalOrder().Max(v => Math.Abs(v.Grad)); // 1.5: x1's grad
        var legend = Regex.Match(dot, "legend \\[.*").Value;
        var stops = Regex.Matches(legend, "<td bgcolor=\"(#[0-9a-f]{6})\"><font color=\"#[0-9a-f]{6}\">([^<]*)</font></td>")
            .Select(m => (Color: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        Assert.Equal(new[] { -max, -max / 2, 0, max / 2, max }.Select(x => Shown.Number(x, "F4")), stops.Select(s => s.Text));
        Assert.Equal(["#2166ac", "#ffffff", "#b2182b"], new[] { stops[0].Color, stops[2].Color, stops[4].Color });
        Assert.Matches("label=<<table[^>]*bgcolor=\"#2166ac\"><tr><td><b>x1</b>[^\n]*</table>> fontcolor=\"#ffffff\"", dot); // x1 holds −max: strongest blue, white text
        Assert.Contains("bgcolor=\"#ffffff\"><tr><td><b>w2</b>", dot); // grad 0: white
    }

    [Fact]
    public void A_highlighted_path_stands_out_on_white_and_on_every_grad_colour()
    {
        var (o, w1) = Neuron();
        var dot = o.ToDot(new GraphOptions { HighlightFrom = w1, ColorByGrad = true });
        var highlight = Regex.Matches(dot, "color=\"([^\"]*:[^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        // w1 → (x1·w1) → (x1·w1 + x2·w2) → n → o: four operand edges and four operation → result edges.
        Assert.Equal(8, Regex.Matches(dot, "color=\"([^\"]*:[^\"]*)\"").Count);
        var colours = Assert.Single(highlight).Split(':');
        var fills = Regex.Matches(dot, "bgcolor=\"(#[0-9a-f]{6})\"").Select(m => m.Groups[1].Value).Append("#ffffff").Append("#2166ac").Append("#b2182b").Distinct();
        foreach (var fill in fills)
        {
            var best = colours.Max(c => Wcag.Contrast(c, fill));
            Assert.True(best >= 3, $"highlight {string.Join(":", colours)} on {fill}: best {best:F2}:1 (WCAG's 3:1 for graphics)");
            Assert.True(Wcag.Contrast("#555555", fill) < best, "the highlight must stand out more than a plain edge");
        }
        var largest = o.ToDot(new GraphOptions { HighlightLargestContribution = true });
        Assert.Equal(8, Regex.Matches(largest, "color=\"[^\"]*:[^\"]*\"").Count); // tanh → n → Σ → x1·w1 → x1
    }
}
