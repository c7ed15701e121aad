using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Benchmarks;

/// <summary>One BenchmarkDotNet result, times in nanoseconds per operation.</summary>
public sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNs, double MedianNs,
    double StdDevNs, double MinNs, double MaxNs, double? BytesPerOperation);

/// <summary>One command of a run (perf-page.sh): what ran, when, the load average before and after, what it printed.</summary>
public sealed record CommandLog(string Name, string Command, string Date, string LoadBefore, string LoadAfter, string Output);

/// <summary>
/// Everything one run measured, read from its folder: BenchmarkDotNet's JSON reports (bdn/results/*.json) and one
/// log per command (*.log, headed by "# command:", "# date:", "# load-before:" and ended by "# load-after:").
/// </summary>
public sealed class RunResults
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public required string Cpu { get; init; }
    public required int Cores { get; init; }
    public required string Runtime { get; init; }
    public required IReadOnlyList<BenchmarkResult> Benchmarks { get; init; }
    public required IReadOnlyDictionary<string, CommandLog> Logs { get; init; }

    public static RunResults Read(string folder)
    {
        var benchmarks = new List<BenchmarkResult>();
        string cpu = "unknown CPU", runtime = "unknown runtime";
        var cores = 0;
        var results = Path.Combine(folder, "bdn", "results");
        foreach (var file in Directory.Exists(results) ? Directory.GetFiles(results, "*.json").Order().ToArray() : [])
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var host = json.RootElement.GetProperty("HostEnvironmentInfo");
            cpu = host.GetProperty("ProcessorName").GetString() ?? cpu;
            cores = host.GetProperty("LogicalCoreCount").GetInt32();
            runtime = host.GetProperty("RuntimeVersion").GetString() ?? runtime;
            foreach (var b in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!b.TryGetProperty("Statistics", out var s) || s.ValueKind != JsonValueKind.Object) continue; // failed
                double? bytes = b.TryGetProperty("Memory", out var m) && m.TryGetProperty("BytesAllocatedPerOperation", out var a) ? a.GetDouble() : null;
                benchmarks.Add(new BenchmarkResult(b.GetProperty("Type").GetString()!, b.GetProperty("Method").GetString()!,
                    Parameters(b), s.GetProperty("Mean").GetDouble(), s.GetProperty("Median").GetDouble(),
                    s.GetProperty("StandardDeviation").GetDouble(), s.GetProperty("Min").GetDouble(), s.GetProperty("Max").GetDouble(), bytes));
            }
        }
        var logs = Directory.GetFiles(folder, "*.log").Select(ReadLog).ToDictionary(l => l.Name);
        return new RunResults { Cpu = cpu, Cores = cores, Runtime = runtime, Benchmarks = benchmarks, Logs = logs };
    }

    // "Width=16", "Case=IDrawableValue: Horner 60": whole, from the full name (BenchmarkDotNet's Parameters field cuts long
    // values to "IDraw(...)er 60 [25]").
    private static string Parameters(JsonElement benchmark)
    {
        var full = benchmark.TryGetProperty("FullName", out var f) ? f.GetString() ?? "" : "";
        var open = full.IndexOf('(');
        if (open < 0 || !full.EndsWith(')')) return benchmark.GetProperty("Parameters").GetString() ?? "";
        return string.Join(", ", System.Text.RegularExpressions.Regex.Matches(full[(open + 1)..^1], @"(\w+): (""(?:[^""\\]|\\.)*""|[^,]+)")
            .Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value.Trim('"')));
    }

    private static CommandLog ReadLog(string file)
    {
        var lines = File.ReadAllLines(file);
        string Header(string key) => lines.FirstOrDefault(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal))?[(key.Length + 4)..] ?? "";
        var output = string.Join('\n', lines.Where(l => !l.StartsWith("# ", StringComparison.Ordinal)));
        return new CommandLog(Path.GetFileNameWithoutExtension(file), Header("command"), Header("date"), Header("load-before"), Header("load-after"), output);
    }

    /// <summary>The result of <c>Type.Method</c> (with <paramref name="parameters"/>, e.g. "Width=64"), or null if it did not run.</summary>
    public BenchmarkResult? Find(string type, string method, string parameters = "") =>
        Benchmarks.FirstOrDefault(b => b.Type == type && b.Method == method && b.Parameters == parameters);

    /// <summary>The numbers of the first line of a command's output that matches <paramref name="pattern"/>'s groups.</summary>
    public Match? Line(string log, string pattern) =>
        Logs.TryGetValue(log, out var l) ? Regex.Matches(l.Output, pattern, RegexOptions.Multiline).FirstOrDefault() : null;

    public static double Number(Match m, int group) => double.Parse(m.Groups[group].Value.Replace(",", ""), Invariant);

    public static double[] Numbers(Match m, int group) =>
        [.. m.Groups[group].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, Invariant))];
}
