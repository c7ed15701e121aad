namespace ScalarAutograd.Rendering.Tests;

/// <summary>The live view's C# side: it leaves the graph alone, shows current numbers, and rejects bad input clearly.</summary>
public class LiveGraphTests
{
    [Fact]
    public void Making_a_live_view_leaves_the_graph_untouched()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        L.Backward(); // grads accumulate on leaves: a.Grad = 12
        _ = L.Live().Html;
        Assert.Equal(12, a.Grad);
        Assert.Equal(-8, L.Data);
    }

    [Fact]
    public void A_stale_graph_is_shown_with_its_current_numbers_and_one_backward_pass()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        a.Data = 3; // not recomputed: L still says −8
        var live = L.Live();
        Assert.Contains("\"data\":-2,\"args\":[4,5],\"label\":\"L\"", live.Html); // (3·−3 + 10)·−2
        Assert.Equal(-8, L.Data);
    }

    [Fact]
    public void Inputs_must_be_leaves_of_the_graph()
    {
        var (a, _, _, e, _, _, L) = Lecture.Graph();
        var computed = Assert.Throws<ArgumentException>(() => L.Live(new LiveOptions { Inputs = [e] }));
        Assert.Contains("computed by '*'", computed.Message);
        var foreign = Assert.Throws<ArgumentException>(() => L.Live(new LiveOptions { Inputs = [new Value(1, "z")] }));
        Assert.Contains("not part of this graph", foreign.Message);
        Assert.Single(L.Live(new LiveOptions { Inputs = [a] }).Inputs);
    }

    [Fact]
    public void Number_formats_without_a_live_equivalent_and_non_html_files_are_clear_errors()
    {
        var L = Lecture.Graph().L;
        var format = Assert.Throws<ArgumentException>(() => L.Live(new LiveOptions { Graph = new GraphOptions { NumberFormat = "0.00" } }));
        Assert.Contains("F, N, E, G and R", format.Message);
        var file = Assert.Throws<ArgumentException>(() => L.Live().Save(Path.Combine(Path.GetTempPath(), "graph.svg")));
        Assert.Contains("must be .html", file.Message);
        var trace = Assert.Throws<ArgumentException>(() => L.BackwardSteps().Save(Path.Combine(Path.GetTempPath(), "steps.png")));
        Assert.Contains(".html (the player) or .svg", trace.Message);
    }

    [Theory]
    [InlineData(0.0, "-1", "1", "0.001")]
    [InlineData(2.0, "-5", "5", "0.005")]
    [InlineData(-3.0, "-10", "10", "0.01")]
    [InlineData(6.8813735870195432, "-20", "20", "0.02")]
    [InlineData(0.3, "-1", "1", "0.001")]
    [InlineData(double.NaN, "-1", "1", "0.001")]
    public void Sliders_cover_twice_the_value_and_0_in_1000_steps_per_side(double value, string min, string max, string step)
    {
        Assert.Equal((min, max, step), LiveModel.SliderRange(value));
    }
}
