using System.Globalization;
using ScalarAutograd.Testing;
using Xunit.Abstractions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// A graph drawn with the default options picks the layout that fits a notebook cell at readable text; a direction
/// the user set is kept.
/// </summary>
public class LayoutChoiceTests(ITestOutputHelper output)
{
    // Section 12 of ScalarDerivative.dib: tanh built from exp. 2,022 px wide left to right.
    private static Value TanhFromExp()
    {
        var (_, _, _, _, _, n) = Lecture.Neuron();
        n.Label = "n";
        var e = (2 * n).Exp(); e.Label = "e";
        var o = (e - 1) * (e + 1).Pow(-1); o.Label = "o";
        o.Backward();
        return o;
    }

    private static Value NeuronO()
    {
        var (_, _, _, _, _, n) = Lecture.Neuron();
        n.Label = "n";
        var o = n.Tanh(); o.Label = "o";
        o.Backward();
        return o;
    }

    private static double Readable(string svg) => SvgHtml.ReadableWidth(svg);

    public static TheoryData<string> WideGraphs => new() { "tanh from exp", "neuron" };

    private static Value Graph(string name) => name == "tanh from exp" ? TanhFromExp() : NeuronO();

    [Theory]
    [MemberData(nameof(WideGraphs))]
    public void A_graph_too_wide_left_to_right_is_drawn_top_to_bottom_and_fits_a_cell_at_readable_text(string name)
    {
        var o = Graph(name);
        var across = o.ToSvg(new GraphOptions { Direction = GraphDirection.LeftToRight });
        var chosen = o.ToSvg();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: left to right {SvgHtml.NaturalSize(across).Width:0} px natural, {Readable(across):0} readable; chosen {SvgHtml.NaturalSize(chosen).Width:0} natural, {Readable(chosen):0} readable"));
        Assert.True(Readable(across) > SvgHtml.CellWidth, "the case this is about: left to right does not fit");
        Assert.Contains("rankdir=TB", o.ToDot());
        Assert.True(Readable(chosen) <= SvgHtml.CellWidth, $"chosen layout is {Readable(chosen):0} px wide at readable text");
    }

    [Fact]
    public void A_graph_that_fits_left_to_right_stays_left_to_right()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var e = a * b; e.Label = "e";
        Assert.Contains("rankdir=LR", e.ToDot());
    }

    [Fact]
    public void A_direction_the_user_set_is_kept_even_when_it_does_not_fit()
    {
        var o = TanhFromExp();
        Assert.Contains("rankdir=LR", o.ToDot(new GraphOptions { Direction = GraphDirection.LeftToRight }));
        Assert.Contains("rankdir=TB", Lecture.BackpropagatedL().ToDot(new GraphOptions { Direction = GraphDirection.TopToBottom }));
    }

    [Fact]
    public void A_wide_graph_saved_for_a_slide_picks_the_fitting_layout_too()
    {
        var dir = Directory.CreateTempSubdirectory("sa-layout-").FullName;
        try
        {
            var o = TanhFromExp();
            o.Save(Path.Combine(dir, "auto.png"));
            o.Save(Path.Combine(dir, "across.png"), new GraphOptions { Direction = GraphDirection.LeftToRight });
            int auto = PngWidth(Path.Combine(dir, "auto.png")), across = PngWidth(Path.Combine(dir, "across.png"));
            Assert.True(auto < across / 2, $"auto {auto} px, left to right {across} px");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_player_frame_uses_one_direction()
    {
        var trace = TanhFromExp().BackwardSteps();
        var html = trace.ToHtmlPlayer();
        var widths = System.Text.RegularExpressions.Regex.Matches(html, "<img[^>]* width=\"([0-9]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Single(widths);
        Assert.True(double.Parse(widths[0], CultureInfo.InvariantCulture) * 0.64 <= SvgHtml.CellWidth, $"frames are {widths[0]} px wide");
    }

    [Fact]
    public void A_picture_that_fits_no_way_opens_scrolled_to_its_output_and_one_that_fits_does_not()
    {
        // Ten chains of eight steps side by side: long left to right, wide top to bottom.
        var sum = Value.Sum(Enumerable.Range(0, 10).Select(i =>
        {
            var v = new Value(i, $"x{i}");
            for (var k = 0; k < 8; k++) v = v * 1.01;
            return v;
        }));
        sum.Label = "s";
        sum.Backward();
        var wide = sum.ToSvg();
        Assert.True(SvgHtml.ReadableWidth(wide) > SvgHtml.CellWidth);
        Assert.Contains("direction:rtl", SvgHtml.Image(wide, "wide")); // starts at the right end, where s is: no script needed
        Assert.True(SvgHtml.NodeFraction(wide, "<title>v0</title>") > 0.5);
        Assert.DoesNotContain("direction:rtl", SvgHtml.Image(TanhFromExp().ToSvg(), "fits"));
    }

    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
    }
}
