using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering.Tests;

public class BackpropViewTests
{
    private static (Value O, Value W1) Neuron()
    {
        var (_, _, w1, _, _, n) = Lecture.Neuron();
        var o = n.Tanh();
        o.Backward();
        return (o, w1);
    }

    private static string F4(double x) => x.ToString("F4", CultureInfo.InvariantCulture);

    [Fact]
    public void Every_operand_edge_is_labelled_with_its_local_derivative_and_product()
    {
        var L = Lecture.BackpropagatedL();
        var dot = L.ToDot(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct });
        var labels = Regex.Matches(dot, "label=\"(∂ = [^\"]*)\"").Select(m => m.Groups[1].Value).Order().ToList();
        var expected = L.TopologicalOrder().Where(v => !v.IsLeaf)
            .SelectMany(v => v.LocalDerivatives.Select(d => $"∂ = {F4(d)}\\n× {F4(v.Grad)} = {F4(d * v.Grad)}"))
            .Order().ToList();
        Assert.Equal(expected, labels);
        Assert.Contains("∂ = -3.0000\\n× -2.0000 = 6.0000", dot); // a's edge: ∂e/∂a = b, times grad(e)
        var svg = Svg.AllText(Svg.Parse(L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivative })));
        Assert.Contains("∂ = -3.0000", svg);
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
        var stops = Regex.Matches(legend, "<td bgcolor=\"(#[0-9a-f]{6})\">([^<]*)</td>").Select(m => (Color: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        Assert.Equal(new[] { -max, -max / 2, 0, max / 2, max }.Select(F4), stops.Select(s => s.Text));
        Assert.Equal(["#2166ac", "#ffffff", "#b2182b"], new[] { stops[0].Color, stops[2].Color, stops[4].Color });
        Assert.Contains("bgcolor=\"#2166ac\"><tr><td><b>x1</b>", dot); // x1 holds −max: the strongest blue
        Assert.Contains("bgcolor=\"#ffffff\"><tr><td><b>w2</b>", dot); // grad 0: white
    }

    [Fact]
    public void Highlighting_from_a_leaf_marks_every_edge_on_its_paths_to_the_output()
    {
        var (o, w1) = Neuron();
        var dot = o.ToDot(new GraphOptions { HighlightFrom = w1 });
        // w1 → (x1·w1) → (x1·w1 + x2·w2) → n → o: four operand edges and four operation → result edges.
        Assert.Equal(8, Regex.Count(dot, "color=\"#c92a2a\""));
        var largest = o.ToDot(new GraphOptions { HighlightLargestContribution = true });
        Assert.Equal(8, Regex.Count(largest, "color=\"#c92a2a\"")); // tanh → n → Σ → x1·w1 → x1 (|−3 · 0.5| beats |2 · 0.5|)
        Assert.Contains("color=\"#c92a2a\"", largest);
    }

    [Fact]
    public void Each_frame_draws_unreached_grads_as_unknown_and_marks_the_step()
    {
        var (o, _) = Neuron();
        var trace = o.BackwardSteps();
        var first = trace.FrameToDot(0);
        Assert.Equal(trace.Values.Count - 2, Regex.Count(first, "grad \\?")); // only o and the tanh's operand are reached
        Assert.Contains("#ffd8a8", first);
        Assert.DoesNotContain("grad ?", trace.FrameToDot(trace.Frames.Count - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.FrameToDot(trace.Frames.Count));
        Assert.StartsWith($"Step 1 of {trace.Frames.Count}: the tanh value", trace.Caption(0));
    }

    [Fact]
    public void The_player_is_self_contained_with_one_frame_per_value()
    {
        var trace = Lecture.BackpropagatedL().BackwardSteps();
        var html = trace.ToHtmlPlayer();
        Assert.Equal(trace.Values.Count, Regex.Count(html, "data-frame=\""));
        Assert.Equal(trace.Values.Count, Regex.Count(html, "<svg"));
        Assert.Contains("<input type=\"range\" min=\"0\" max=\"6\"", html);
        Assert.Contains("data-go=\"-1\"", html);
        Assert.Contains("data-go=\"1\"", html);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("<!DOCTYPE", html);
        Assert.Equal(1, Regex.Count(html, "<script>"));
        Assert.DoesNotMatch("<script[^>]+src", html);
    }

    [Fact]
    public void The_player_refuses_graphs_too_big_to_draw_frame_by_frame()
    {
        var v = new Value(1.0);
        for (var i = 0; i < BackwardTraceExtensions.MaxPlayerValues; i++) v = v.Tanh();
        var ex = Assert.Throws<ArgumentException>(() => v.BackwardSteps().ToHtmlPlayer());
        Assert.Contains("up to 150 values", ex.Message);
    }
}
