using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// (c) Backward() of a 10,000,000-node chain (built once; no stack overflow). Its 240 MB of traversal buffers are
/// only weakly kept after a call: <see cref="Backward"/> calls again before any full collection (buffers reused),
/// <see cref="BackwardAfterFullCollection"/> after one (buffers grown again from scratch, what a first call costs).
/// </summary>
[MemoryDiagnoser]
[GcForce(false)] // BenchmarkDotNet's forced collection between iterations would free the buffers every time
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class DeepChainBenchmark
{
    private const int Depth = 10_000_000;
    private Value _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var x = new Value(1.0);
        var v = x;
        for (var i = 0; i < Depth; i++) v += x;
        _output = v;
    }

    [Benchmark]
    public void Backward() => _output.Backward();

    [IterationSetup(Target = nameof(BackwardAfterFullCollection))]
    public void Collect() => GC.Collect();

    [Benchmark]
    public void BackwardAfterFullCollection() => _output.Backward();
}
