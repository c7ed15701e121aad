using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// What a learner feels, outside BenchmarkDotNet: the moons loop in fresh console processes, and the same loop as a
/// cell inside the runner's in-process notebook kernel, interleaved so both see the same machine load.
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- cold [rounds]
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
            var times = args[0] switch
            {
                "cold-child" => MoonsLoop.Run(steps),
                "cold-replay-child" => MoonsLoop.Replay(steps),
                _ => RenderLoop.Run(steps),
            };
            Console.WriteLine("step-ms: " + string.Join(" ", times.Select(t => t.ToString("R", Invariant))));
            Console.WriteLine($"gc: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
            return 0;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], Invariant) : 5;
        if (args[0] == "cold-replay") return ReplayVersusMicrograd(rounds, args.Length > 2 ? args[2] : null);
        if (args[0] == "cold-render") return RenderColdAndInKernel(rounds);
        var kernel = args.Length > 2 && args[2] == "console-only" ? false : true;
        var console = new List<double[]>();
        var inKernel = new List<double[]>();
        for (var r = 0; r < rounds; r++)
        {
            console.Add(Parse(RunProcess("dotnet", [typeof(ColdRuns).Assembly.Location, "cold-child", "100"])));
            if (kernel) inKernel.Add(KernelCell(MoonsLoop.CellSource(100)));
        }
        Report("console, cold 100-step process", console);
        if (kernel) Report("inside the notebook kernel (runner)", inKernel);
        return 0;
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
            inKernel.Add(KernelCell(RenderLoop.CellSource(21)));
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

    // A loop as a notebook cell, run by the real runner (its in-process C# kernel) on a temporary .dib.
    private static double[] KernelCell(string cellSource)
    {
        var root = RepositoryRoot();
        var dir = Directory.CreateTempSubdirectory("moons-kernel-");
        try
        {
            var engine = Path.Combine(root, "src/ScalarAutograd.Notebook/bin/ScalarAutograd.Notebook.dll");
            var notebook = Path.Combine(dir.FullName, "Moons.dib");
            File.WriteAllText(notebook, $$$"""
                #!meta

                {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"languageName":"csharp","name":"csharp"}]}}

                #!csharp

                #r "{{{engine}}}"
                using ScalarAutograd;
                using ScalarAutograd.Nn;

                #!csharp

                {{{cellSource}}}

                """);
            var runner = Path.Combine(root, "src/ScalarAutograd.Runner/bin/Release/net10.0/ScalarAutograd.Runner.dll");
            RunProcess("dotnet", [runner, notebook, "--out", Path.Combine(dir.FullName, "out")]);
            var ipynb = File.ReadAllText(Path.Combine(dir.FullName, "out", "Moons.ipynb"));
            using var json = JsonDocument.Parse(ipynb);
            var text = string.Concat(json.RootElement.GetProperty("cells").EnumerateArray()
                .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Where(o => o.TryGetProperty("text", out _))
                .Select(o => o.GetProperty("text") is { ValueKind: JsonValueKind.Array } t ? string.Concat(t.EnumerateArray().Select(x => x.GetString())) : o.GetProperty("text").GetString()));
            return Parse(text);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static double[] Parse(string output)
    {
        var line = output.Split('\n').First(l => l.StartsWith("step-ms: ", StringComparison.Ordinal));
        return [.. line["step-ms: ".Length..].Trim().Split(' ').Select(s => double.Parse(s, Invariant))];
    }

    private static string RunProcess(string file, string[] args)
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
