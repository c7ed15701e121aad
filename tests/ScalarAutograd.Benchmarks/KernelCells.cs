using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// A loop as a notebook cell in a fresh kernel: the runner's in-process C# kernel (on a temporary .dib), or
/// <c>dotnet interactive stdio</c> as VS Code starts it (<see cref="StdioKernel"/>). The cell is wrapped so it also
/// prints what the collector did while it ran (its own deltas; the kernel's GC settings are the host's, not ours).
/// </summary>
internal static partial class KernelCells
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string EngineDll => Path.Combine(ColdRuns.RepositoryRoot(), "src/ScalarAutograd.Notebook/bin/ScalarAutograd.Notebook.dll");

    public static string RunnerDll => Path.Combine(ColdRuns.RepositoryRoot(), "src/ScalarAutograd.Runner/bin/Release/net10.0/ScalarAutograd.Runner.dll");

    /// <summary>The cell that loads the engine, as a notebook's first cell does (no formatters: the loops draw nothing).</summary>
    public static string ReferenceCell => $"#r \"{EngineDll}\"\nusing ScalarAutograd;\nusing ScalarAutograd.Nn;";

    /// <summary>The line a console child prints after its loop, in the same words as <see cref="WithGc"/>'s cell.</summary>
    public static string GcLine(int gen0, int gen1, int gen2, TimeSpan pauses, long faults) =>
        $"gc: gen0 {gen0}, gen1 {gen1}, gen2 {gen2}, pauses {pauses.TotalMilliseconds:F0} ms, server GC {System.Runtime.GCSettings.IsServerGC}, minor page faults {faults}";

    /// <summary>What a "gc: …" line (<see cref="GcLine"/>, <see cref="WithGc"/>) in a run's output says; null when it printed none.</summary>
    public static GcCounts? ParseGc(string output) => GcPattern().Match(output) is { Success: true } m
        ? new(int.Parse(m.Groups[1].Value, Invariant), int.Parse(m.Groups[2].Value, Invariant), int.Parse(m.Groups[3].Value, Invariant),
              double.Parse(m.Groups[4].Value, Invariant), m.Groups[5].Value == bool.TrueString, long.Parse(m.Groups[6].Value, Invariant))
        : null;

    /// <summary>
    /// <paramref name="cell"/>, followed by a "gc: …" line of the collections, pauses and minor page faults during it
    /// (faults are the whole process's: the kernel's own threads are quiet while a cell runs).
    /// </summary>
    public static string WithGc(string cell) => $$"""
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), {{PageFaults.Expression}});
        {{cell}}
        var gcFaults = {{PageFaults.Expression}} - gcBefore.Item5;
        Console.WriteLine($"gc: gen0 {GC.CollectionCount(0) - gcBefore.Item1}, gen1 {GC.CollectionCount(1) - gcBefore.Item2}, gen2 {GC.CollectionCount(2) - gcBefore.Item3}, pauses {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds:F0} ms, server GC {System.Runtime.GCSettings.IsServerGC}, minor page faults {gcFaults}");
        """;

    /// <summary>
    /// notebooks/Training.dib's code cells above its training cell (the one that shows live progress), as a learner
    /// runs them before it: the engine, ScottPlot from NuGet, the lecture's network, the moons plot, a drawn graph.
    /// Its relative <c>#r</c> is made absolute, so the cells run from any folder.
    /// </summary>
    public static string[] TrainingCellsAbove()
    {
        var folder = Path.Combine(ColdRuns.RepositoryRoot(), "notebooks");
        var code = DibText.CodeCells(File.ReadAllText(Path.Combine(folder, "Training.dib")));
        var training = code.FindIndex(c => c.Contains("LiveOutput.Show", StringComparison.Ordinal));
        if (training < 1) throw new InvalidOperationException("notebooks/Training.dib no longer has its training cell (LiveOutput.Show) below other cells");
        return [.. code.Take(training).Select(c => DibText.AbsoluteReferences(c, folder))];
    }

    /// <summary>
    /// Runs the cell by the real runner on a temporary .dib, after <paramref name="before"/> (the reference cell if
    /// none); returns everything the cells printed.
    /// </summary>
    public static string InRunner(string cellSource, string[]? before = null) => PrintedText(Runner([.. before ?? [ReferenceCell], cellSource]).Ipynb);

    /// <summary>
    /// Runs the cell in a fresh <c>dotnet interactive stdio</c> kernel, after <paramref name="before"/> (the reference
    /// cell if none), <paramref name="runs"/> times in a row (as a learner re-runs it); returns what each run printed.
    /// </summary>
    public static IReadOnlyList<string> InStdio(string cellSource, int runs = 1, string[]? before = null)
    {
        string[] first = before ?? [ReferenceCell];
        return [.. Stdio(TimeSpan.FromMinutes(5), [.. first, .. Enumerable.Repeat(cellSource, runs)]).Cells.Skip(first.Length).Select(c => c.StandardOutput)];
    }

    /// <summary>The real runner on a temporary .dib of <paramref name="cells"/>: what it printed, the executed .ipynb, and how long the process took.</summary>
    public static (string Output, string Ipynb, TimeSpan Elapsed) Runner(params string[] cells) => InTemporaryFolder("kernel-cells-", dir =>
    {
        var notebook = Path.Combine(dir, "Cells.dib");
        File.WriteAllText(notebook, Dib(cells));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = ColdRuns.RunProcess("dotnet", [RunnerDll, notebook, "--out", Path.Combine(dir, "out")]);
        return (output, File.ReadAllText(Path.Combine(dir, "out", "Cells.ipynb")), clock.Elapsed);
    });

    /// <summary>A fresh <c>dotnet interactive stdio</c> kernel in a temporary folder runs <paramref name="cells"/> in order, each of which must succeed within <paramref name="cellTimeout"/>: how long it took to be ready, and each cell.</summary>
    public static (TimeSpan Ready, IReadOnlyList<StdioCell> Cells) Stdio(TimeSpan cellTimeout, params string[] cells) => InTemporaryFolder("kernel-cells-", dir =>
    {
        using var kernel = StdioKernel.Start(dir, TimeSpan.FromMinutes(2));
        var results = new List<StdioCell>();
        foreach (var cell in cells)
        {
            var result = kernel.Submit(cell, cellTimeout);
            results.Add(result.Succeeded ? result : throw new InvalidOperationException($"a cell failed in dotnet interactive stdio: {result}"));
        }
        return (kernel.Ready, (IReadOnlyList<StdioCell>)results);
    });

    private static T InTemporaryFolder<T>(string prefix, Func<string, T> work)
    {
        var dir = Directory.CreateTempSubdirectory(prefix);
        try
        {
            return work(dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A C#-only .dib of these cells.</summary>
    public static string Dib(params string[] cells) =>
        "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"languageName\":\"csharp\",\"name\":\"csharp\"}]}}\n\n" +
        string.Concat(cells.Select(c => "#!csharp\n\n" + c + "\n\n"));

    // The text outputs (what cells printed) of an executed .ipynb, in order.
    private static string PrintedText(string ipynb)
    {
        using var json = JsonDocument.Parse(ipynb);
        return string.Concat(json.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(o => o.TryGetProperty("text", out _))
            .Select(o => o.GetProperty("text") is { ValueKind: JsonValueKind.Array } t ? string.Concat(t.EnumerateArray().Select(x => x.GetString())) : o.GetProperty("text").GetString()));
    }

    [GeneratedRegex(@"gc: gen0 (\d+), gen1 (\d+), gen2 (\d+), pauses (\d+) ms, server GC (\w+), minor page faults (-?\d+)")]
    private static partial Regex GcPattern();
}

/// <summary>The collections, pauses (ms) and minor page faults (−1: not counted) of one run, from its "gc: …" line.</summary>
internal sealed record GcCounts(int Gen0, int Gen1, int Gen2, double PausesMs, bool ServerGc, long Faults);
