using BenchmarkDotNet.Attributes;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// (a) micrograd's moons training step: 100 samples, MLP(2, [16, 16, 1]), hinge + 1e-4·L2, forward + backward + SGD:
/// eager, replayed, beside the hand-written floor (the baseline: plain arrays, no graph) and a naive C# port.
/// </summary>
[MemoryDiagnoser]
public class MoonsStepBenchmark
{
    private Dataset _data = null!;
    private MLP _model = null!;
    private Sgd _sgd = null!;
    private Tape _tape = null!;
    private Floor _floor = null!;
    private NaivePort _naive = null!;

    /// <summary>Graph nodes one step builds (printed once, to turn bytes per step into bytes per node).</summary>
    public int NodesPerStep { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Dataset.Moons(100, 0.1, seed: 1);
        _model = new MLP(2, [16, 16, 1], seed: 1337);
        _sgd = new Sgd(_model.Parameters(), learningRate: 0.05);
        NodesPerStep = Loss().TopologicalOrder().Count;
        Console.WriteLine($"// moons step builds {NodesPerStep:N0} nodes");
        _tape = Loss().Compile(_model.Parameters());
        _floor = new Floor(new MLP(2, [16, 16, 1], seed: 1337), _data);
        _naive = new NaivePort(new MLP(2, [16, 16, 1], seed: 1337), _data);
    }

    private Value Loss() => MoonsLoop.MoonsLoss(_model, _data);

    [Benchmark]
    public double Step() => MoonsLoop.EagerStep(_model, _data, _sgd);

    /// <summary>The same step by hand over arrays: the floor every other row is a multiple of.</summary>
    [Benchmark(Baseline = true)]
    public double FloorStep() => _floor.Step(0.05);

    /// <summary>The same step in a line-by-line C# port of micrograd (closures, HashSet).</summary>
    [Benchmark]
    public double NaivePortStep() => _naive.Step(0.05);

    /// <summary>The same step replayed from a tape compiled once: no graph built, no ordering pass, 0 B.</summary>
    [Benchmark]
    public double ReplayStep()
    {
        var loss = _tape.Forward();
        _sgd.ZeroGrad();
        _tape.Backward();
        _sgd.Step();
        return loss;
    }
}
