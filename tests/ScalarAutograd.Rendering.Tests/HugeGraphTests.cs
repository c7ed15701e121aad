namespace ScalarAutograd.Rendering.Tests;

/// <summary>Drawing part of a huge graph costs what the drawn part costs, not what the whole graph would.</summary>
public class HugeGraphTests
{
    [Fact]
    public void The_walk_stops_counting_at_its_limit_instead_of_visiting_every_value()
    {
        var v = Shapes.DeepChain(100_000); // 300,001 values
        var walk = NearestFirst.Walk(v, GraphOptions.DefaultMaxValues, DotWriter.CountLimit);
        Assert.Equal(GraphOptions.DefaultMaxValues, walk.Values.Count);
        Assert.False(walk.Counted);
        Assert.Equal(DotWriter.CountLimit - GraphOptions.DefaultMaxValues, walk.More);
        Assert.Contains($"… over {DotWriter.CountLimit - GraphOptions.DefaultMaxValues:N0} more values", v.ToDot());
        Assert.Equal(DotWriter.CountLimit, v.CountValues());
        Assert.Equal(601, Shapes.DeepChain(200).CountValues()); // below the limit, exact
    }

    [Fact]
    public void Edge_labels_on_a_wide_sum_do_not_copy_its_derivatives_per_edge()
    {
        var v = Shapes.WideSum(200_000); // 800 values drawn: the Σ and its first 799 terms
        var options = new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivative };
        _ = v.ToDot(options); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var dot = v.ToDot(options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("∂ = 1.0000", dot);
        // One copy of 200,000 derivatives is 1.6 MB; one per drawn edge was 799 × 1.6 MB ≈ 1.3 GB.
        Assert.True(allocated < 100L * 1024 * 1024, $"ToDot allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_number_format_with_quotes_and_backslashes_stays_inside_its_edge_label()
    {
        var a = new Value(2.0, "a");
        var b = new Value(-3.0, "b");
        var e = a * b;
        e.Backward();
        var options = new GraphOptions { NumberFormat = "0.00'\"'", EdgeLabels = EdgeLabels.LocalDerivativeAndProduct };
        var text = Svg.AllText(Svg.Parse(e.ToSvg(options)));
        Assert.Contains("∂ = -3.00\"", text);
        Assert.Contains("× 1.00\" = -3.00\"", text);
        var backslash = new GraphOptions { NumberFormat = "0.0'\\\\'", EdgeLabels = EdgeLabels.LocalDerivative };
        Assert.Contains("∂ = -3.0\\", Svg.AllText(Svg.Parse(e.ToSvg(backslash))));
    }
}
