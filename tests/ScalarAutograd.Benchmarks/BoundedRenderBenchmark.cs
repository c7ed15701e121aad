using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using ScalarAutograd.Notebook;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// (f) The render budget on every path that draws, with the default options (2 s budget, 800 values), over shapes that
/// are hard for Graphviz's layout and shapes that are not. Each must finish within the budget; the Max column is the
/// worst. Paths: a Value's <c>ToSvg()</c>; a learner's own class (<c>IDrawableValue</c>, <c>DrawableGraph.ToSvg</c>);
/// a backprop player frame (<c>FrameToSvg</c>) and the whole player; saving the steps as an animated SVG; saving a PNG.
/// Before issue 22: the IDrawableValue chain of 100 steps took 120 s and failed, the player 10 s a frame, steps.svg
/// 11.6 s, Σ of one value 10⁶ times 20–25 s (2.3 GB), 200 values with 3,000-line labels 7 s (a 78 MB SVG). Before the
/// budget, the reused-leaf chain of 100 steps took more than 300 s and the Horner loop of 60 more than 200 s.
/// </summary>
[MemoryDiagnoser]
[MaxColumn]
public class BoundedRenderBenchmark
{
    private Func<object> _draw = null!;

    [Params(
        "Value: reused-leaf chain 60", "Value: reused-leaf chain 100", "Value: reused-leaf chain 400", "Value: Horner 40", "Value: Horner 60",
        "Value: Horner 400", "Value: wide Σ 800", "Value: wide Σ 1000000", "Value: deep chain 266", "Value: deep chain 100000",
        "Value: random DAG 800", "Value: random DAG 5000",
        "IDrawableValue: reused-leaf chain 100", "IDrawableValue: Horner 60", "IDrawableValue: new operands every read",
        "IDrawableValue: operands never end", "player frame: reused-leaf chain 71", "player (72 frames): reused-leaf chain 71",
        "Save steps.svg: reused-leaf chain 71", "Value: Σ of one value 100000", "Value: Σ of one value 1000000",
        "Value: 400 values, 40 kB labels", "Value: 200 values, 3000-line labels", "Save png: 200 values, 3000-line labels")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (path, shape) = (Case[..Case.IndexOf(':')], Case[(Case.IndexOf(':') + 2)..]);
        var value = Graph(shape);
        var file = Path.Combine(Path.GetTempPath(), $"bounded-render-{Guid.NewGuid():N}");
        _draw = path switch
        {
            "Value" => () => value.ToSvg(),
            "IDrawableValue" => shape switch
            {
                "new operands every read" => () => DrawableGraph.ToSvg(new Endless(0)),
                "operands never end" => () => DrawableGraph.ToSvg(new Unending()),
                _ => () => DrawableGraph.ToSvg(Drawable.Mirror(value)),
            },
            "player frame" => () => value.BackwardSteps().FrameToSvg(0),
            "player (72 frames)" => () => value.BackwardSteps().ToHtmlPlayer(),
            "Save steps.svg" => Saving(() => value.BackwardSteps().Save(file + ".svg")),
            "Save png" => Saving(() => value.Save(file + ".png")),
            _ => throw new ArgumentException(Case),
        };
        var first = _draw();
        var simplified = (first as string ?? (File.Exists(file + ".svg") ? File.ReadAllText(file + ".svg") : "")).Contains("Simplified:", StringComparison.Ordinal);
        Console.WriteLine($"// {Case}: {(simplified ? "simplified" : "whole or not text")}");
    }

    [Benchmark]
    public object DrawWithinBudget() => _draw();

    // A path that writes a file: drawn for its side effect.
    private static Func<object> Saving(Action save) => () =>
    {
        save();
        return 0;
    };

    private static Value Graph(string shape)
    {
        var size = int.TryParse(shape[(shape.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return shape switch
        {
            _ when shape.StartsWith("reused", StringComparison.Ordinal) => Shapes.ReusedLeafChain(size),
            _ when shape.StartsWith("Horner", StringComparison.Ordinal) => Shapes.Horner(size),
            _ when shape.StartsWith("wide", StringComparison.Ordinal) => Shapes.WideSum(size),
            _ when shape.StartsWith("deep", StringComparison.Ordinal) => Shapes.DeepChain(size),
            _ when shape.StartsWith("random", StringComparison.Ordinal) => Shapes.RandomDag(size, seed: 1),
            _ when shape.StartsWith("Σ of one value", StringComparison.Ordinal) => Value.Sum(Enumerable.Repeat(new Value(0.5, "x"), size)),
            "400 values, 40 kB labels" => Value.Sum(Enumerable.Range(0, 400).Select(i => new Value(i, new string((char)('a' + i % 26), 40_000)))),
            "200 values, 3000-line labels" => Value.Sum(Enumerable.Range(0, 200).Select(i =>
                new Value(i, string.Join("\n", Enumerable.Range(0, 3_000).Select(k => $"line {k} of label {i}"))))),
            _ => new Value(0),
        };
    }

    // A learner's class with the same graph as a Value.
    private sealed class Drawable(Value v, IReadOnlyList<IDrawableValue> operands) : IDrawableValue
    {
        public double Data => v.Data;
        public double Grad => v.Grad;
        public string? Label => v.Label;
        public string? Op => v.Op;
        public IEnumerable<IDrawableValue> Operands => operands;

        public static Drawable Mirror(Value output)
        {
            var copies = new Dictionary<Value, Drawable>(ReferenceEqualityComparer.Instance);
            foreach (var v in output.TopologicalOrder()) copies[v] = new Drawable(v, [.. v.Children.Select(c => copies[c])]);
            return copies[output];
        }
    }
}
