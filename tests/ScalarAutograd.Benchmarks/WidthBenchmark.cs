using BenchmarkDotNet.Attributes;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// Width scaling: the moons step with MLP(2, [width, width, 1]), eager. The page divides the time by the nodes the
/// graph has when every product is written out (<see cref="WrittenOutNodes"/>), so widths compare per unit of work.
/// </summary>
[MemoryDiagnoser]
public class WidthBenchmark
{
    private Dataset _data = null!;
    private MLP _model = null!;
    private Sgd _sgd = null!;

    [Params(16, 64)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Dataset.Moons(100, 0.1, seed: 1);
        _model = new MLP(2, [Width, Width, 1], seed: 1337);
        _sgd = new Sgd(_model.Parameters(), learningRate: 0.05);
    }

    [Benchmark]
    public double Step() => MoonsLoop.EagerStep(_model, _data, _sgd);

    /// <summary>
    /// The values of the moons step's graph with each neuron written out as products and a Σ (what the engine built
    /// before issue 25, and what a per-node figure has always been divided by): 38,281 at width 16.
    /// </summary>
    public static int WrittenOutNodes(int width)
    {
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var model = new MLP(2, [width, width, 1], seed: 1337);
        var scores = data.X.Select(x =>
        {
            Value[] h = [.. x.Select(d => new Value(d))];
            foreach (var layer in model.Layers)
            {
                var input = h;
                h = [.. layer.Neurons.Select(n =>
                {
                    var act = Value.Sum(n.W.Select((w, i) => w * input[i]).Append(n.B));
                    return n.Activation == Activation.Relu ? act.Relu() : act;
                })];
            }
            return h[0];
        }).ToArray();
        return (Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4)).TopologicalOrder().Count;
    }
}
