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

    // The traversal buffers come in chunks of 16,384 slots (Value.Traversal.cs): this graph's order fills 11 of them,
    // and its depth-first stack climbs past and falls back across chunk boundaries many times.
    [Fact]
    public void Order_and_backward_across_many_buffer_chunks_match_micrograds_recursive_walk()
    {
        var (root, leaves) = ThreeInterleavedChains(length: 20_000, seed: 7);
        var order = root.TopologicalOrder();
        var expected = RecursiveBuildTopo(root);
        Assert.True(expected.Count > 150_000, $"{expected.Count} values");
        Assert.Equal(expected.Count, order.Count);
        for (var i = 0; i < order.Count; i++) Assert.Same(expected[i], order[i]);

        // Backward over the engine's chunked order against micrograd's loop over the recursive one: same sums in the
        // same order, so the same bits.
        root.ZeroGrad();
        root.Backward();
        var grads = leaves.Select(l => l.Grad).ToArray();
        foreach (var v in expected) v.Grad = 0;
        root.Grad = 1;
        for (var i = expected.Count - 1; i >= 0; i--) expected[i].LocalBackward();
        Assert.Equal(leaves.Select(l => l.Grad), grads);

        // Recompute over the chunks: an edited leaf gives exactly what a graph built from the new value gives.
        leaves[0].Data = 0.25;
        root.Recompute();
        var (rebuilt, _) = ThreeInterleavedChains(length: 20_000, seed: 7, firstLeaf: 0.25);
        Assert.Equal(rebuilt.TopologicalOrder().Select(v => v.Data), order.Select(v => v.Data));
    }

    // Three chains of (previous + w·x).tanh(), where x is a random earlier value of any chain: long paths that the
    // depth-first walk follows deep, with side trips into the other chains.
    private static (Value Root, Value[] Leaves) ThreeInterleavedChains(int length, int seed, double firstLeaf = 0.1)
    {
        var random = new Random(seed);
        var leaves = Enumerable.Range(0, 3).Select(i => new Value(i == 0 ? firstLeaf : 0.1 * (i + 1))).ToArray();
        var weight = new Value(0.5);
        var all = new List<Value>(leaves);
        var ends = (Value[])leaves.Clone();
        for (var step = 0; step < length; step++)
        {
            for (var c = 0; c < 3; c++)
            {
                ends[c] = (ends[c] + weight * all[random.Next(all.Count)]).Tanh();
                all.Add(ends[c]);
            }
        }
        return (ends[0] + ends[1] + ends[2], [.. leaves, weight]);
    }

    // micrograd's build_topo, recursive as written there, on a thread with a stack deep enough for it.
    private static List<Value> RecursiveBuildTopo(Value root)
    {
        var topo = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        void Build(Value v)
        {
            if (!visited.Add(v)) return;
            foreach (var child in v.Children) Build(child);
            topo.Add(v);
        }
        var thread = new Thread(() => Build(root), maxStackSize: 1 << 30);
        thread.Start();
        thread.Join();
        return topo;
    }
}
