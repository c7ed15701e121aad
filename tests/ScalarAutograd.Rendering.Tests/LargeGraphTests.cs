namespace ScalarAutograd.Rendering.Tests;

public class LargeGraphTests
{
    private static Value Chain(int length)
    {
        var x = new Value(1.0, "x");
        var v = x;
        for (var i = 0; i < length; i++) v = (v * 0.5).Tanh();
        return v;
    }

    [Fact]
    public void Past_the_limit_the_part_nearest_the_output_is_drawn_with_one_node_for_the_rest()
    {
        var v = Chain(2_000); // 2,000 tanh + 2,000 products + 2,000 constants + x = 6,001 values
        var total = v.TopologicalOrder().Count;
        var doc = Svg.Parse(v.ToSvg());
        var nodes = Svg.Groups(doc, "node");
        var more = Assert.Single(nodes, n => Svg.Text(n).StartsWith("… "));
        Assert.Equal($"… {total - GraphOptions.DefaultMaxValues:N0} more values", Svg.Text(more));
        var valueNodes = nodes.Count(n => Svg.Text(n).Contains("data "));
        Assert.Equal(GraphOptions.DefaultMaxValues, valueNodes);
        Assert.Contains("data " + Shown.Number(v.Data, "F4"), Svg.AllText(doc));
    }

    [Fact]
    public void The_caller_can_raise_the_limit()
    {
        var v = Chain(200); // 601 values
        var doc = Svg.Parse(v.ToSvg(new GraphOptions { MaxValues = 1_000 }));
        Assert.Equal(601, Svg.Groups(doc, "node").Count(n => Svg.Text(n).Contains("data ")));
        Assert.DoesNotContain(Svg.Groups(doc, "node"), n => Svg.Text(n).StartsWith("… "));
    }

    [Fact]
    public void A_million_node_graph_draws_quickly_as_its_nearest_part() =>
        Assert.Contains("more values", Chain(350_000).ToDot());
}
