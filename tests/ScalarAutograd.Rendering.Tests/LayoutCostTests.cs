using System.Text;

namespace ScalarAutograd.Rendering.Tests;

public class LayoutCostTests
{
    [Fact]
    public void An_edge_that_skips_a_rank_costs_one_virtual_node()
    {
        // a → b → c and a → c: ranks by longest path to the sink c are a 2, b 1, c 0, so a → c spans 2 ranks.
        var cost = LayoutCost.Estimate(3, [0, 1, 0], [1, 2, 2]);
        Assert.Equal(new LayoutCost(3, 3, 1), cost);
        Assert.True(cost.IsCheap);
    }

    [Fact]
    public void A_cycle_is_never_cheap() => Assert.False(LayoutCost.Estimate(2, [0, 1], [1, 0]).IsCheap);

    [Theory]
    [InlineData(25)]
    [InlineData(60)]
    public void A_reused_leaf_chain_of_n_steps_has_n_squared_minus_n_virtual_nodes(int n)
    {
        // Step k from the output (k = 0 … n−1) has its op at rank 2k + 1 and x sits at rank 2n, so the edge x → op
        // spans 2n − 2k − 1 ranks: Σ (2n − 2k − 2) = n² − n virtual nodes (the first step's x + x spans 1 rank twice).
        var dot = Shapes.ReusedLeafChain(n).ToDot();
        var (nodes, tails, heads) = ParseEdges(dot);
        Assert.Equal((long)n * n - n, LayoutCost.Estimate(nodes, tails, heads).VirtualNodes);
    }

    // The edges of our own DOT ("  vA -> vBop;"), by node name: independent of the C library's walk.
    private static (int, List<int>, List<int>) ParseEdges(string dot)
    {
        var ids = new Dictionary<string, int>();
        var tails = new List<int>();
        var heads = new List<int>();
        int Id(string name) => ids.TryGetValue(name, out var id) ? id : ids[name] = ids.Count;
        foreach (var line in dot.Split('\n'))
        {
            var parts = line.Trim().TrimEnd(';').Split(' ');
            if (parts.Length >= 3 && parts[1] == "->")
            {
                tails.Add(Id(parts[0]));
                heads.Add(Id(parts[2]));
            }
            else if (parts.Length >= 2 && parts[1].StartsWith('[')) Id(parts[0]);
        }
        return (ids.Count, tails, heads);
    }
}
