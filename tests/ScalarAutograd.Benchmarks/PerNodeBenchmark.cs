using BenchmarkDotNet.Attributes;

namespace ScalarAutograd.Benchmarks;

/// <summary>(b) forward + backward, reported per graph node (time and bytes): a long chain and a wide Σ.</summary>
[MemoryDiagnoser]
public class PerNodeBenchmark
{
    private const int N = 100_000;
    private Value[] _xs = null!;
    private Value[] _ws = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _xs = Enumerable.Range(0, N).Select(_ => new Value(random.NextDouble())).ToArray();
        _ws = Enumerable.Range(0, N).Select(_ => new Value(random.NextDouble())).ToArray();
    }

    /// <summary>v = (v · wᵢ): one node per step.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double Chain()
    {
        var v = _xs[0];
        for (var i = 0; i < N; i++) v *= _ws[i];
        v.Backward();
        return v.Data;
    }

    /// <summary>Σ wᵢ·xᵢ: N products and one Σ node.</summary>
    [Benchmark(OperationsPerInvoke = N + 1)]
    public double WideSum()
    {
        var products = new Value[N];
        for (var i = 0; i < N; i++) products[i] = _ws[i] * _xs[i];
        var s = Value.Sum(products);
        s.Backward();
        return s.Data;
    }
}
