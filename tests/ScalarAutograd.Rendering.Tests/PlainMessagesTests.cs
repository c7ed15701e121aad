namespace ScalarAutograd.Rendering.Tests;

/// <summary>Small things a person sees that said nothing or too much (issue 22, item 17).</summary>
public class PlainMessagesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void Empty_DOT_says_what_is_wrong(string dot)
    {
        var error = Assert.Throws<GraphvizException>(() => Graphviz.RenderSvg(dot));
        Assert.Contains("The DOT text is empty", error.Message);
        Assert.DoesNotContain("no message", error.Message);
    }

    [Fact]
    public void A_huge_bogus_format_is_named_briefly_not_echoed_whole()
    {
        var format = new string('x', 100_000);
        var error = Assert.Throws<ArgumentException>(() => Graphviz.Render("digraph G { a }", format));
        Assert.True(error.Message.Length < 300, $"{error.Message.Length:N0} characters");
        Assert.Contains("(100,000 characters)", error.Message);
        Assert.Contains("use one of svg, png", error.Message);
    }

    [Fact]
    public void Currency_format_shows_a_negative_zero_as_zero()
    {
        var x = new Value(-0.0, "x");
        var y = x * 2; // −0 as well
        var svg = Svg.AllText(Svg.Parse(y.ToSvg(new GraphOptions { NumberFormat = "C" })));
        Assert.Contains("data ¤0.00", svg);
        Assert.DoesNotContain("(¤0.00)", svg);
        Assert.Contains("(¤1.50)", new Value(-1.5).ToSvg(new GraphOptions { NumberFormat = "C" })); // a real negative keeps its sign
    }
}
