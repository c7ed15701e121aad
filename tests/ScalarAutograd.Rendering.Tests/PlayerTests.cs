using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ScalarAutograd.Rendering.Tests;

public class PlayerTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static (Value O, Value W1) Neuron()
    {
        var (_, _, w1, _, _, n) = Lecture.Neuron();
        var o = n.Tanh();
        o.Label = "o";
        return (o, w1);
    }

    private static List<string> FrameSvgs(string html) =>
        Regex.Matches(html, "src=\"data:image/svg\\+xml;base64,([^\"]+)\"").Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToList();

    private static List<string> Captions(string html) =>
        Regex.Split(html, "class=\"scalar-autograd-frame\"").Skip(1)
            .Select(f => string.Join("\n", Regex.Matches(f[..f.IndexOf("<img", StringComparison.Ordinal)], "<div[^>]*>([^<]+)</div>")
                .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))))
            .ToList();

    // Where Graphviz put each node: its ellipse centres and the anchors of every text but the grad (centred in its cell).
    private static Dictionary<string, string> Layout(string svg) =>
        Svg.Groups(Svg.Parse(svg), "node").ToDictionary(
            g => g.Element(Ns + "title")!.Value,
            g => string.Join(" ", g.Elements().Where(e => e.Name == Ns + "ellipse" || (e.Name == Ns + "text" && !e.Value.StartsWith("grad", StringComparison.Ordinal)))
                .Select(e => e.Name == Ns + "ellipse" ? $"{e.Attribute("cx")!.Value},{e.Attribute("cy")!.Value}" : $"{e.Attribute("x")!.Value},{e.Attribute("y")!.Value}")));

    [Fact]
    public void Step_0_seeds_the_output_then_one_frame_per_operation_with_the_arithmetic()
    {
        var L = Lecture.Graph().L;
        var html = L.BackwardSteps().ToHtmlPlayer();
        var captions = Captions(html);
        Assert.Equal(4, captions.Count); // the seed, then L, d and e: leaves pass nothing on
        Assert.StartsWith("Step 0 of 3: backward starts at L: L.grad = ∂L/∂L = 1.", captions[0]);
        // The lecture's chain rule, by hand: d.grad = f = −2, f.grad = d = 4, e.grad = c.grad = −2, a.grad = b·(−2) = 6, b.grad = −4.
        Assert.Contains("d.grad += f·L.grad = −2 × 1 = −2", captions[1]);
        Assert.Contains("f.grad += d·L.grad = 4 × 1 = 4", captions[1]);
        Assert.Contains("e.grad += 1·d.grad = 1 × −2 = −2", captions[2]);
        Assert.Contains("c.grad += 1·d.grad = 1 × −2 = −2", captions[2]);
        Assert.Contains("a.grad += b·e.grad = −3 × −2 = 6", captions[3]);
        Assert.Contains("b.grad += a·e.grad = 2 × −2 = −4", captions[3]);
        Assert.Contains("Done", captions[3]);
        var seed = Svg.AllText(Svg.Parse(FrameSvgs(html)[0]));
        Assert.Equal(6, Regex.Count(seed, "grad \\?"));
        Assert.Contains("grad 1.0000", seed);
    }

    [Fact]
    public void Captions_name_unlabelled_values_by_expression_and_show_accumulation()
    {
        var a = new Value(3.0, "a");
        var b = new Value(-2.0, "b");
        var out_ = (a * b + a).Tanh();
        var captions = Captions(out_.BackwardSteps().ToHtmlPlayer());
        Assert.Contains("tanh((a*b)+a)", captions[1]);
        Assert.Contains("(a*b).grad += 1·((a*b)+a).grad", captions[2]);
        // a gets grad twice: from the + (1 · g) and then from a*b (b · g). g = 1 − tanh(−3)²
        var g = 1 - Math.Pow(Math.Tanh(-3), 2);
        Assert.Contains($"a.grad += b·(a*b).grad = −2 × {g:G5} = {-2 * g:G5} → {-g:G5} in all".Replace('-', '−'), captions[3]);
    }

    [Fact]
    public void Each_step_of_a_long_unlabelled_chain_names_a_different_value_by_its_data()
    {
        var x = new Value(0.5, "x");
        var v = x;
        for (var i = 0; i < 71; i++) v += x; // every deep value's expression is cut to ((((…)+x)+x)+x)+x
        var captions = v.BackwardSteps().StepCaptions();
        var subjects = captions.Skip(1).Select(c => Regex.Match(c, @"^Step \d+ of \d+: (.*) passes its grad back").Groups[1].Value).ToList();
        Assert.Equal(subjects.Count, subjects.Distinct().Count()); // before: the same words for 70 different values
        Assert.StartsWith("((((…)+x)+x)+x)+x (data 36)", subjects[0]); // v = 0.5 · 72, as its box shows it
        Assert.Contains("(((((…)+x)+x)+x)+x (data 35.5)).grad += 1·(((((…)+x)+x)+x)+x (data 36)).grad", captions[1]);
    }

    [Fact]
    public void Every_frame_has_the_same_layout_and_size()
    {
        foreach (var output in new[] { Lecture.Graph().L, Neuron().O })
        {
            foreach (var options in new[] { GraphOptions.Default, new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct } })
            {
                var svgs = FrameSvgs(output.BackwardSteps().ToHtmlPlayer(options));
                Assert.True(svgs.Count >= 4);
                var first = Layout(svgs[0]);
                Assert.All(svgs, svg => Assert.Equal(SvgHtml.NaturalSize(svgs[0]), SvgHtml.NaturalSize(svg)));
                Assert.All(svgs, svg => Assert.Equal(first, Layout(svg)));
                output.ZeroGrad();
            }
        }
    }

    [Fact]
    public void The_active_value_is_marked_so_the_player_can_scroll_to_it()
    {
        var L = Lecture.Graph().L;
        var html = L.BackwardSteps().ToHtmlPlayer(new GraphOptions { Direction = GraphDirection.LeftToRight }); // micrograd's look: L at the right
        var focus = Regex.Matches(html, "data-focus=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, focus.Count);
        Assert.True(focus[1] > 0.8, $"L is the rightmost value: {focus[1]}");
        Assert.True(focus[3] < focus[2] && focus[2] < focus[1], string.Join(", ", focus)); // e is left of d, left of L
        Assert.All(FrameSvgs(html), svg => Assert.Single(Regex.Matches(svg, "<g id=\"active\"")));
    }

    [Fact]
    public void The_player_is_self_contained_survives_without_scripts_and_has_keys()
    {
        var html = Lecture.BackpropagatedL().BackwardSteps().ToHtmlPlayer();
        Assert.Equal(4, Regex.Count(html, "class=\"scalar-autograd-frame\""));
        Assert.Equal(4, Regex.Count(html, "<img "));
        Assert.DoesNotContain("<svg", html); // pictures are images, which sanitizers keep
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Equal(1, Regex.Count(html, "<script>"));
        Assert.DoesNotMatch("<script[^>]+src", html);
        var script = html[html.IndexOf("<script>", StringComparison.Ordinal)..];
        Assert.Contains("ArrowRight", script);
        Assert.Contains("ArrowLeft", script);
        Assert.Contains("data-play", script);
        // The controls exist only in the script: without it nothing dead is left to click.
        Assert.DoesNotContain("<button", html[..html.IndexOf("<script>", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Raw_frames_keep_their_captions_and_unknown_grads()
    {
        var (o, _) = Neuron();
        var trace = o.BackwardSteps();
        var first = trace.FrameToDot(0);
        Assert.Equal(trace.Values.Count - 2, Regex.Count(first, "grad \\?")); // only o and the tanh's operand are reached
        Assert.Contains("#ffd8a8", first);
        Assert.DoesNotContain("grad ?", trace.FrameToDot(trace.Frames.Count - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.FrameToDot(trace.Frames.Count));
        Assert.StartsWith($"Step 1 of {trace.Frames.Count}: o = tanh(", trace.Caption(0));
        Assert.Contains("x1.grad += w1·(x1*w1).grad = −3 × 0.5 = −1.5", string.Join("\n", Enumerable.Range(0, trace.Frames.Count).Select(trace.Caption)));
        // tanh's local derivative is a difference: bracketed before it multiplies the grad.
        Assert.Contains(".grad += (1 − o²)·o.grad = 0.5 × 1 = 0.5", string.Join("\n", Enumerable.Range(0, trace.Frames.Count).Select(trace.Caption)));
    }

    [Fact]
    public void The_player_refuses_graphs_too_big_to_draw_frame_by_frame()
    {
        var v = new Value(1.0);
        for (var i = 0; i < BackwardTraceExtensions.MaxPlayerValues; i++) v = v.Tanh();
        var ex = Assert.Throws<ArgumentException>(() => v.BackwardSteps().ToHtmlPlayer());
        Assert.Contains("up to 150 values", ex.Message);
    }

    [Fact]
    public void A_picture_is_an_image_as_wide_as_its_cell_up_to_natural_size_never_below_readable_text_in_a_box_that_scrolls()
    {
        var svg = Lecture.BackpropagatedL().ToSvg();
        var widthPt = double.Parse(Regex.Match(svg, "<svg width=\"([0-9.]+)pt\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var html = SvgHtml.Image(svg, "L's graph");
        var natural = Math.Ceiling(widthPt * 4 / 3); // 1 pt = 4/3 CSS px, as browsers draw inline SVG
        Assert.Contains($"width=\"{natural}\"", html);
        Assert.Contains($"width:100%;max-width:{natural}px;min-width:", html);
        // Shrunk no further than its smallest text at SmallestTextPx, just over the 10 px the Chromium checks require:
        // Graphviz's 12 pt labels are 16 px at natural size.
        Assert.InRange(SvgHtml.SmallestTextPx, 10, 11);
        Assert.Equal(SvgHtml.SmallestTextPx / SmallestTextPx(svg, natural), MinWidth(html) / natural, 2);
        Assert.Contains("class=\"jp-mod-unconfined\"", html); // JupyterLab's own class for pictures it should not shrink
        Assert.Contains("overflow-x:auto", html);
        Assert.Contains("alt=\"L&#39;s graph\"", html);
        Assert.Equal(Graphviz.InlineSvg(svg), FrameSvgs(html).Single());

        // Edge labels are 10 pt: that graph may shrink less.
        var labelled = Lecture.BackpropagatedL().ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct });
        var labelledHtml = SvgHtml.Image(labelled, "L");
        var labelledNatural = SvgHtml.NaturalSize(labelled).Width;
        Assert.Equal(SvgHtml.SmallestTextPx / SmallestTextPx(labelled, labelledNatural), MinWidth(labelledHtml) / Math.Ceiling(labelledNatural), 2);
        Assert.True(MinWidth(labelledHtml) / Math.Ceiling(labelledNatural) > MinWidth(html) / natural);
    }

    // The smallest text in an SVG, in CSS px at the given width: font sizes are in viewBox units.
    private static double SmallestTextPx(string svg, double width)
    {
        var doc = Svg.Parse(svg);
        var viewBoxWidth = double.Parse(((string)doc.Root!.Attribute("viewBox")!).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        return doc.Descendants(Ns + "text").Select(t => double.Parse((string)t.Attribute("font-size")!, System.Globalization.CultureInfo.InvariantCulture)).Min() * width / viewBoxWidth;
    }

    private static double MinWidth(string html) =>
        double.Parse(Regex.Match(html, "min-width:([0-9.]+)px").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
