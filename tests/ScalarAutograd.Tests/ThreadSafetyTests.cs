using CsCheck;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

/// <summary>
/// Graphs built on different threads share values (a model's parameters, an intermediate): Backward() and
/// TopologicalOrder() on them at the same time give what one thread doing all of it gives (issue 12, item 5).
/// Each thread gets a graph large enough (thousands of values) that the walks overlap in time.
/// </summary>
public class ThreadSafetyTests
{
    private static readonly ParallelOptions FourThreads = new() { MaxDegreeOfParallelism = 4 };

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // One thread per item, all started together (Parallel.For may run short items one after another).
    private static void Together(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            body(i);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void Parallel_backward_of_batches_through_a_shared_model_adds_up_every_batchs_gradient() =>
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Double[-2, 2].Array[2].Array[100].Array[8]).Sample((seed, batches) =>
        {
            var model = new MLP(2, [16, 16, 1], seed: seed);
            var parameters = model.Parameters();
            var penalty = Loss.L2(parameters, 1e-4); // shared by every batch's loss, as in micrograd's loss
            var losses = batches.Select(batch => penalty + Loss.Hinge([.. batch.Select(x => model.Forward(x)[0])], [.. batch.Select(x => x[0] > 0 ? 1.0 : -1.0)])).ToArray();
            Parallel.For(0, losses.Length, FourThreads, i => losses[i].Backward());
            var parallel = parameters.Select(p => p.Grad).ToArray();
            model.ZeroGrad();
            Together(losses.Length, i => losses[i].Backward()); // and once more with every thread released at once
            var together = parameters.Select(p => p.Grad).ToArray();

            model.ZeroGrad();
            foreach (var loss in losses) loss.Backward();
            for (var k = 0; k < parameters.Count; k++) AssertClose(parameters[k].Grad, parallel[k]);
            for (var k = 0; k < parameters.Count; k++) AssertClose(parameters[k].Grad, together[k]);
        }, iter: 8, threads: 1);

    [Fact]
    public void Parallel_backward_through_a_shared_intermediate_adds_up_every_threads_gradient() =>
        Gen.Select(Gen.Double[0.5, 1.5], Gen.Double[-1, 1].Array[8]).Sample((w0, ks) =>
        {
            var w = new Value(w0);
            var shared = w;
            for (var d = 0; d < 50_000; d++) shared = (shared * 0.5 + w * 0.5).Tanh() + 0.0; // every thread's loss goes through it
            var losses = ks.Select(k => shared * k).ToArray();
            Parallel.For(0, losses.Length, FourThreads, i => losses[i].Backward());
            var parallel = w.Grad;

            w.Grad = 0;
            foreach (var loss in losses) loss.Backward();
            AssertClose(w.Grad, parallel);
        }, iter: 8, threads: 1);

    [Fact]
    public void Topological_orders_of_graphs_sharing_a_leaf_each_list_their_own_graph_once() =>
        Gen.Int[50_000, 100_000].Sample(depth =>
        {
            var shared = new Value(0.5);
            var outputs = new Value[8];
            for (var i = 0; i < outputs.Length; i++)
            {
                var v = shared * (i + 1);
                for (var d = 0; d < depth; d++) v = (v + shared).Tanh();
                outputs[i] = v;
            }
            var counts = new int[outputs.Length];
            Parallel.For(0, counts.Length, FourThreads, i => counts[i] = outputs[i].TopologicalOrder().Count);
            // shared, the constant, v, then per level the sum and its tanh.
            Assert.All(counts, c => Assert.Equal(3 + 2 * depth, c));
        }, iter: 8, threads: 1);
}
