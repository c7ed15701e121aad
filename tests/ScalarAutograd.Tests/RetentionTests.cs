using System.Runtime.CompilerServices;

namespace ScalarAutograd.Tests;

/// <summary>After a call returns, the engine keeps no reference to the graph it walked (issue 16).</summary>
[Collection(nameof(RetentionTests))]
[CollectionDefinition(nameof(RetentionTests), DisableParallelization = true)]
public class RetentionTests
{
    // Builds a graph deeper than the traversal buffers' first size, runs the walk, and returns only weak references.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Output, WeakReference Input) WalkAndDrop(Action<Value> walk, int depth)
    {
        var x = new Value(1.0);
        var v = x * 2;
        for (var i = 0; i < depth; i++) v = (v + x).Tanh();
        walk(v);
        return (new WeakReference(v), new WeakReference(x));
    }

    public static TheoryData<string> Walks => ["Backward", "ZeroGrad", "TopologicalOrder", "Recompute", "Compile"];

    private static Action<Value> Walk(string name) => name switch
    {
        "Backward" => v => v.Backward(),
        "ZeroGrad" => v => v.ZeroGrad(),
        "TopologicalOrder" => v => v.TopologicalOrder(),
        "Recompute" => v => v.Recompute(),
        _ => v => v.Compile(),
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public void Nothing_keeps_a_walked_graph_alive(string walk)
    {
        var (output, input) = WalkAndDrop(Walk(walk), depth: 1_000);
        Collect();
        Assert.False(output.IsAlive, $"{walk}: the output is still reachable after the call returned");
        Assert.False(input.IsAlive, $"{walk}: the input is still reachable after the call returned");
    }

    [Fact]
    public void Nothing_keeps_a_graph_alive_after_anomaly_mode_stopped_backward()
    {
        var (output, _) = WalkAndDrop(v =>
        {
            // √(v·0): forward 0, local derivative ∞, so backward stops at the first operand it reaches.
            using (Value.DetectAnomalies()) Assert.Throws<AnomalyException>(() => (v * 0).Pow(0.5).Backward());
        }, depth: 200);
        Collect();
        Assert.False(output.IsAlive);
    }

    [Fact]
    public void Buffers_grown_for_a_huge_graph_are_released_after_it()
    {
        var (output, _) = WalkAndDrop(v => v.Backward(), depth: 300_000);
        Collect();
        Assert.False(output.IsAlive);
        var (order, frames) = Value.TraversalBufferLengthsForTests();
        Assert.True(order <= 1 << 17 && frames <= 1 << 17, $"traversal buffers kept: {order:N0} and {frames:N0} slots");
    }

    [Fact]
    public void Memory_after_a_million_deep_chain_goes_back_to_what_it_was()
    {
        Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (output, _) = WalkAndDrop(v => v.Backward(), depth: 1_000_000);
        Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.False(output.IsAlive);
        Assert.True(after - before < 8_000_000, $"{(after - before) / 1e6:F1} MB more live after the chain was dropped");
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
