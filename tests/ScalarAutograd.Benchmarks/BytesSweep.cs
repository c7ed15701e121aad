using System.Globalization;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// Why a fresh <c>dotnet interactive stdio</c> kernel runs the moons loop slower than a console process: the same
/// 100 steps with fewer samples (so fewer bytes a step), and replayed (0 B a step), each in fresh console processes and
/// as the first cell of fresh stdio kernels, interleaved. The ratio follows the bytes a step allocates: the kernel's
/// server GC hands out memory the process never touched, and each new 4 KB page costs a first touch (row (m)).
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- cold-sweep [rounds]
/// </summary>
internal static class BytesSweep
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly (string What, int Samples, bool Replay)[] Cases =
        [("eager step", 100, false), ("eager step", 50, false), ("eager step", 25, false), ("eager step", 12, false), ("replayed step", 100, true)];

    public static int Run(int rounds)
    {
        if (StdioKernel.ToolPath is null)
        {
            Console.WriteLine($"dotnet interactive stdio: not run, the dotnet-interactive tool is not installed ({StdioKernel.InstallHelp})");
            return 0;
        }
        var console = Cases.Select(_ => new List<string>()).ToList();
        var stdio = Cases.Select(_ => new List<string>()).ToList();
        for (var r = 0; r < rounds; r++)
        {
            for (var c = 0; c < Cases.Length; c++)
            {
                var (_, samples, replay) = Cases[c];
                console[c].Add(ColdRuns.RunProcess("dotnet", [typeof(BytesSweep).Assembly.Location, replay ? "cold-replay-child" : "cold-child", "100", samples.ToString(Invariant)]));
                var cell = replay ? MoonsLoop.ReplayCellSource(100, samples) : MoonsLoop.CellSource(100, samples);
                stdio[c].Add(KernelCells.InStdio(KernelCells.WithGc(cell))[0]);
            }
        }
        for (var c = 0; c < Cases.Length; c++)
        {
            var (what, samples, replay) = Cases[c];
            var consoleMean = console[c].SelectMany(ColdRuns.Parse).Average();
            var stdioMean = stdio[c].SelectMany(ColdRuns.Parse).Average();
            Console.WriteLine($"bytes sweep, {what}, {samples} samples: {MoonsLoop.BytesPerStep(samples, replay)} B a step; " +
                              $"console mean {consoleMean:F3} ms, stdio first cell mean {stdioMean:F3} ms: {stdioMean / consoleMean:F2}x; " +
                              $"page faults a step: console {Mean(console[c], g => g.Faults) / 100:F0}, stdio {Mean(stdio[c], g => g.Faults) / 100:F0}; " +
                              $"GC pauses during the cell (setup included): console {Mean(console[c], g => g.PausesMs):F0} ms, stdio {Mean(stdio[c], g => g.PausesMs):F0} ms ({rounds} rounds)");
        }
        return 0;
    }

    // A number from the "gc: …" line of each run, averaged over the runs.
    private static double Mean(List<string> outputs, Func<GcCounts, double> number) =>
        outputs.Select(KernelCells.ParseGc).OfType<GcCounts>().Select(number).DefaultIfEmpty(double.NaN).Average();
}
