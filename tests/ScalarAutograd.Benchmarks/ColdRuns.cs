using System.Diagnostics;
using System.Globalization;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// What a learner feels, outside BenchmarkDotNet: the moons loop in fresh console processes, and the same loop as a
/// cell inside the runner's in-process notebook kernel and inside <c>dotnet interactive stdio</c> (the kernel VS Code
/// starts), interleaved so all see the same machine load.
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- cold [rounds] [console-only|runner-only]   (also in dotnet interactive stdio)
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- cold-replay [rounds] [script.py]   (beside micrograd)
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- cold-render [rounds]   (the lecture graph's SVG)
/// </summary>
internal static class ColdRuns
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        if (args[0] is "cold-child" or "cold-replay-child" or "cold-render-child")
        {
            var steps = int.Parse(args[1], Invariant);
            var samples = args.Length > 2 ? int.Parse(args[2], Invariant) : 100;
            var faults = PageFaults.Minor();
            var times = args[0] switch
            {
                "cold-child" => MoonsLoop.Run(steps, samples),
                "cold-replay-child" => MoonsLoop.Replay(steps, samples),
                _ => RenderLoop.Run(steps),
            };
            Console.WriteLine("step-ms: " + string.Join(" ", times.Select(t => t.ToString("R", Invariant))));
            Console.WriteLine(KernelCells.GcLine(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), PageFaults.Minor() - faults));
            return 0;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], Invariant) : 5;
        if (args[0] == "cold-replay") return ReplayVersusMicrograd(rounds, args.Length > 2 ? args[2] : null);
        if (args[0] == "cold-render") return RenderColdAndInKernel(rounds);
        if (args[0] == "cold-sweep") return BytesSweep.Run(rounds);
        // console-only skips the kernels; runner-only skips dotnet interactive stdio (when its tool is not installed).
        var only = args.Length > 2 ? args[2] : "";
        // Each kind of run is a fresh process; one stdio kernel gives two rows, its first run of the cell and a re-run.
        var cell = KernelCells.WithGc(MoonsLoop.CellSource(100));
        var kinds = new List<(string[] What, Func<IReadOnlyList<string>> Run)> { (["console, cold 100-step process"], () => [RunProcess("dotnet", [typeof(ColdRuns).Assembly.Location, "cold-child", "100"])]) };
        var runner = only != "console-only";
        var stdio = runner && only != "runner-only";
        if (stdio && StdioKernel.ToolPath is null)
        {
            Console.WriteLine($"dotnet interactive stdio: not run, the dotnet-interactive tool is not installed ({StdioKernel.InstallHelp})");
            stdio = false;
        }
        // As a learner meets the loop: after notebooks/Training.dib's cells above its training cell, in both kernels.
        var above = runner ? KernelCells.TrainingCellsAbove() : [];
        if (runner) kinds.Add((["inside the notebook kernel (runner)"], () => [KernelCells.InRunner(cell)]));
        // Its first run pays for memory the kernel's server GC has not touched yet; the re-run finds it touched.
        if (stdio) kinds.Add((["inside dotnet interactive stdio (VS Code's kernel)", "the same cell run again in that stdio kernel"], () => KernelCells.InStdio(cell, runs: 2)));
        if (runner) kinds.Add((["inside the runner after Training.dib's cells above"], () => [KernelCells.InRunner(cell, above)]));
        if (stdio) kinds.Add((["inside dotnet interactive stdio after Training.dib's cells above"], () => KernelCells.InStdio(cell, before: above)));
        var whats = kinds.SelectMany(k => k.What).ToList();
        var outputs = whats.Select(_ => new List<string>()).ToList();
        for (var r = 0; r < rounds; r++)
        {
            var round = kinds.SelectMany(k => k.Run()).ToList(); // interleaved: each round sees the same load
            for (var k = 0; k < whats.Count; k++) outputs[k].Add(round[k]);
        }
        for (var k = 0; k < whats.Count; k++)
        {
            var runs = outputs[k].Select(Parse).ToList();
            Report(whats[k], runs);
            if (k > 0) Console.WriteLine($"{whats[k]}: mean {runs.SelectMany(t => t).Average() / outputs[0].Select(Parse).SelectMany(t => t).Average():F2}x the console's");
        }
        for (var k = 0; k < whats.Count; k++) ReportGc(whats[k], outputs[k]);
        return 0;
    }

    // What the collector did during the 100 steps (a console child: its whole process, which is the loop).
    private static void ReportGc(string what, List<string> outputs)
    {
        var gc = outputs.Select(KernelCells.ParseGc).OfType<GcCounts>().ToList();
        if (gc.Count == 0) return;
        // Minor faults: first touches of pages, one per 4 KB of memory the process had not used before (PageFaults.cs).
        var faults = gc.Any(g => g.Faults < 0) ? "" : $"; minor page faults {gc.Average(g => g.Faults):F0} ({gc.Min(g => g.Faults)}–{gc.Max(g => g.Faults)})";
        Console.WriteLine($"gc during the 100 steps, {what}: gen0 {gc.Average(g => g.Gen0):F1}, gen1 {gc.Average(g => g.Gen1):F1}, gen2 {gc.Average(g => g.Gen2):F1}, pauses {gc.Average(g => g.PausesMs):F0} ms " +
                          $"({gc.Min(g => g.PausesMs):F0}–{gc.Max(g => g.PausesMs):F0} ms; means of {gc.Count} runs); server GC {gc[0].ServerGc}{faults}");
    }

    // The replayed step in fresh processes beside micrograd's step in CPython, interleaved. micrograd is not shipped
    // here: pass a script of your own that runs its moons step N times (its argument) and prints one time in ms per line.
    private static int ReplayVersusMicrograd(int rounds, string? script)
    {
        if (script is null || !File.Exists(script))
        {
            Console.Error.WriteLine("cold-replay needs a micrograd moons-step script (not shipped): cold-replay <rounds> <script.py>, " +
                                    "where the script takes a step count and prints one step time in ms per line.");
            return 2;
        }
        var replay = new List<double[]>();
        var micrograd = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            replay.Add(Parse(RunProcess("dotnet", [typeof(ColdRuns).Assembly.Location, "cold-replay-child", "100"])));
            micrograd.AddRange(RunProcess("python3", [script, "3"]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => double.Parse(line, Invariant))); // one step time in ms per line, as the usage says
        }
        Report("replayed step, cold 100-step process", replay);
        var (replayMedian, _) = MoonsLoop.Summary([.. replay.SelectMany(t => t)]);
        var (microMedian, microMean) = MoonsLoop.Summary(micrograd);
        Console.WriteLine($"micrograd (CPython): {micrograd.Count} steps, median {microMedian:F0} ms, mean {microMean:F0} ms; " +
                          $"replay is {microMedian / replayMedian:N0}x faster (medians)");
        return 0;
    }

    private static void Report(string what, List<double[]> runs)
    {
        var means = runs.Select(r => r.Average()).ToArray();
        var all = runs.SelectMany(r => r).ToArray();
        var (median, mean) = MoonsLoop.Summary(all);
        var firstTen = runs.Select(r => r.Take(10).Average()).Average();
        var lastTen = runs.Select(r => r.TakeLast(10).Average()).Average();
        Console.WriteLine($"{what}: {runs.Count} runs, step median {median:F2} ms, mean {mean:F2} ms " +
                          $"(process means {string.Join(", ", means.Select(m => m.ToString("F2", Invariant)))}; " +
                          $"steps 1-10 {firstTen:F2} ms, 91-100 {lastTen:F2} ms)");
    }

    // The lecture graph's SVG, 21 renders from a fresh process and from a fresh kernel, beside `dot -Tsvg`.
    private static int RenderColdAndInKernel(int rounds)
    {
        var console = new List<double[]>();
        var inKernel = new List<double[]>();
        var dot = new List<double[]>();
        for (var r = 0; r < rounds; r++)
        {
            console.Add(Parse(RunProcess("dotnet", [typeof(ColdRuns).Assembly.Location, "cold-render-child", "21"])));
            inKernel.Add(Parse(KernelCells.InRunner(RenderLoop.CellSource(21))));
            dot.Add(RenderLoop.DotSubprocess(21));
        }
        foreach (var (what, runs) in new[] { ("console process", console), ("notebook kernel (runner)", inKernel), ("dot -Tsvg subprocess", dot) })
        {
            var (median, _) = MoonsLoop.Summary([.. runs.SelectMany(t => t.Skip(1))]);
            Console.WriteLine($"lecture SVG, {what}: first render {runs.Select(t => t[0]).Average():F1} ms (mean of {runs.Count}), " +
                              $"then median {median:F2} ms");
        }
        return 0;
    }

    internal static double[] Parse(string output)
    {
        var line = output.Split('\n').First(l => l.StartsWith("step-ms: ", StringComparison.Ordinal));
        return [.. line["step-ms: ".Length..].Trim().Split(' ').Select(s => double.Parse(s, Invariant))];
    }

    internal static string RunProcess(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stdout}{stderr.Result}");
        return stdout;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalarAutograd.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run from inside the repository: ScalarAutograd.sln not found above " + AppContext.BaseDirectory);
    }
}
