using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// (f) The render budget: <c>ToSvg()</c> with the default options (2 s budget, 800 values) over shapes that are hard
/// for Graphviz's layout and shapes that are not. Each must finish within the budget; the Max column is the worst.
/// The 60-step chain and 40-step Horner loop are "doubtful" (1,000–4,000 virtual nodes): dot gets 1 s, then is killed.
/// Before the budget, the reused-leaf chain of 100 steps took more than 300 s and the Horner loop of 60 more than 200 s.
/// </summary>
[MemoryDiagnoser]
[MaxColumn]
public class BoundedRenderBenchmark
{
    private Value _graph = null!;

    [Params(
        "reused-leaf chain 60", "reused-leaf chain 100", "reused-leaf chain 400", "Horner 40", "Horner 60", "Horner 400", "wide Σ 800", "wide Σ 1000000",
        "deep chain 266", "deep chain 100000", "random DAG 800", "random DAG 5000")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var size = int.Parse(Shape[(Shape.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _graph = Shape switch
        {
            _ when Shape.StartsWith("reused", StringComparison.Ordinal) => Shapes.ReusedLeafChain(size),
            _ when Shape.StartsWith("Horner", StringComparison.Ordinal) => Shapes.Horner(size),
            _ when Shape.StartsWith("wide", StringComparison.Ordinal) => Shapes.WideSum(size),
            _ when Shape.StartsWith("deep", StringComparison.Ordinal) => Shapes.DeepChain(size),
            _ => Shapes.RandomDag(size, seed: 1),
        };
        var svg = _graph.ToSvg();
        Console.WriteLine($"// {Shape}: {(svg.Contains("Simplified:", StringComparison.Ordinal) ? "simplified" : "whole")}");
    }

    [Benchmark]
    public string ToSvgWithinBudget() => _graph.ToSvg();
}
