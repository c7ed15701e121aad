using System.Diagnostics;
using Xunit.Abstractions;

namespace ScalarAutograd.Tests;

public class DeepGraphTests(ITestOutputHelper output)
{
    [Fact]
    public void A_million_deep_chain_backpropagates_without_recursion()
    {
        const int depth = 1_000_000;
        var x = new Value(0.5, "x");
        var start = new Value(1.0, "start");
        var v = start;
        for (var i = 0; i < depth; i++) v = v + x; // v = start + depth·x
        var watch = Stopwatch.StartNew();
        v.Backward();
        output.WriteLine($"Backward of a {depth:N0}-deep chain: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1.0 + depth * 0.5, v.Data);
        Assert.Equal(depth, x.Grad);
        Assert.Equal(1.0, start.Grad);
        Assert.Equal(depth + 2, v.TopologicalOrder().Count);
    }

    [Fact]
    public void A_million_deep_chain_of_tanh_gets_the_product_of_local_derivatives()
    {
        const int depth = 1_000_000;
        var x = new Value(0.1);
        var v = x;
        var expected = 1.0;
        for (var i = 0; i < depth; i++)
        {
            v = v.Tanh();
            expected *= 1 - v.Data * v.Data;
        }
        v.Backward();
        Assert.Equal(expected, x.Grad, 1e-12);
        Assert.True(x.Grad > 0);
    }
}
