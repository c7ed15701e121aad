using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ScalarAutograd.Benchmarks;

/// <summary>(c) Backward() of a 10,000,000-node chain (built once; no stack overflow).</summary>
[MemoryDiagnoser]
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
}
