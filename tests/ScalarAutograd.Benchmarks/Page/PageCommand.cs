using System.Globalization;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// <c>page FOLDER [OUT]</c>: PERFORMANCE.md from the run perf-page.sh left in FOLDER, with the node counts the page
/// divides by taken from the graphs themselves.
/// </summary>
internal static class PageCommand
{
    public static int Write(string folder, string? output)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var model = new MLP(2, [16, 16, 1], seed: 1337);
        var moons = Loss.Hinge([.. data.X.Select(x => model.Forward(x)[0])], data.Y) + Loss.L2(model.Parameters(), 1e-4);
        var sample = (1 - model.Forward(0.5, -0.3)[0]).Relu();
        var facts = new PageFacts(moons.TopologicalOrder().Count, WidthBenchmark.WrittenOutNodes(16), WidthBenchmark.WrittenOutNodes(64),
            sample.TopologicalOrder().Count);
        var page = PerformancePage.Build(RunResults.Read(folder), facts);
        output ??= Path.Combine(ColdRuns.RepositoryRoot(), "tests", "ScalarAutograd.Benchmarks", "PERFORMANCE.md");
        File.WriteAllText(output, page);
        Console.WriteLine($"wrote {output}");
        return 0;
    }
}
