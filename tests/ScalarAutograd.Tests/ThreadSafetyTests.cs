using CsCheck;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

/// <summary>
/// Graphs built on different threads share values (a model's parameters, an intermediate): Backward() and
/// TopologicalOrder() on them at the same time give what one thread doing all of it gives (issue 12, item 5).
/// </summary>
public class ThreadSafetyTests
{
    private static readonly ParallelOptions FourThreads = new() { MaxDegreeOfParallelism = 4 };

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Parallel_backward_through_a_shared_model_adds_up_every_samples_gradient() =>
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Double[-2, 2].Array[2].Array[64]).Sample((seed, samples) =>
        {
            var model = new MLP(2, [8, 8, 1], seed: seed);
            var parameters = model.Parameters();
            Parallel.For(0, samples.Length, FourThreads, i => (1 - model.Forward(samples[i])[0]).Relu().Backward());
            var parallel = parameters.Select(p => p.Grad).ToArray();

            model.ZeroGrad();
            foreach (var x in samples) (1 - model.Forward(x)[0]).Relu().Backward();
            for (var k = 0; k < parameters.Count; k++) AssertClose(parameters[k].Grad, parallel[k]);
        }, iter: 15, threads: 1);

    [Fact]
    public void Parallel_backward_through_a_shared_intermediate_adds_up_every_threads_gradient() =>
        Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2], Gen.Double[-1, 1].Array[200]).Sample((w0, x0, ks) =>
        {
            var w = new Value(w0);
            var x = new Value(x0);
            var shared = (w * x).Tanh() + w; // every thread's loss goes through this value
            Parallel.For(0, ks.Length, FourThreads, i => (shared * ks[i] + (shared * shared).Relu()).Backward());

            // Each loss l = k·s + s² (s > 0 here or relu's slope 0): ∂l/∂s = k + 2s·[s² > 0]; s = tanh(w·x) + w.
            var s = Math.Tanh(w0 * x0) + w0;
            var dlds = ks.Sum(k => k + (s * s > 0 ? 2 * s : 0));
            var dt = 1 - Math.Tanh(w0 * x0) * Math.Tanh(w0 * x0);
            AssertClose(dlds * (dt * x0 + 1), w.Grad);
            AssertClose(dlds * dt * w0, x.Grad);
        }, iter: 40, threads: 1);

    [Fact]
    public void Topological_orders_of_graphs_sharing_a_leaf_each_list_their_own_graph_once() =>
        Gen.Int[1, 30].Sample(depth =>
        {
            var shared = new Value(0.5);
            var counts = new int[400];
            Parallel.For(0, counts.Length, FourThreads, i =>
            {
                var v = shared * (i + 1);
                for (var d = 0; d < depth; d++) v = (v + shared).Tanh();
                counts[i] = v.TopologicalOrder().Count;
            });
            // shared, the constant, v, then per level the sum and its tanh.
            Assert.All(counts, c => Assert.Equal(3 + 2 * depth, c));
        }, iter: 20, threads: 1);
}
