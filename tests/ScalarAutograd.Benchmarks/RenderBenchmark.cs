using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>(d) the lecture graph's SVG in process vs `dot -Tsvg` as a subprocess; (e) micrograd's MLP on one sample.</summary>
[MemoryDiagnoser]
public class RenderBenchmark
{
    private string _lectureDot = "";
    private Value _lecture = null!;
    private Value _mlpLoss = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lecture = Lecture.BackpropagatedL();
        _lectureDot = _lecture.ToDot();

        var model = new MLP(2, [16, 16, 1], seed: 1337);
        _mlpLoss = (1 - model.Forward(0.5, -0.3)[0]).Relu();
        _mlpLoss.Backward();
        Console.WriteLine($"// MLP sample graph: {_mlpLoss.TopologicalOrder().Count} values");
    }

    [Benchmark(Baseline = true)]
    public string LectureInProcess() => Graphviz.RenderSvg(_lectureDot);

    /// <summary>What a notebook cell pays: the DOT text written from the graph (with its stale check), then the render.</summary>
    [Benchmark]
    public string LectureToSvg() => _lecture.ToSvg();

    [Benchmark]
    public string LectureDotSubprocess()
    {
        var start = new ProcessStartInfo("dot", "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(_lectureDot);
        process.StandardInput.Close();
        var svg = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return svg;
    }

    [Benchmark]
    public string MlpSampleGraph() => _mlpLoss.ToSvg(new GraphOptions { MaxValues = 2_000 });
}
