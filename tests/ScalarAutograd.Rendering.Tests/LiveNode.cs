using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>Runs the node scripts in tests/clients (puppeteer-core driving Debian's Chromium) and reads their JSON.</summary>
internal static class LiveNode
{
    public static string Clients { get; } = Path.Combine(RepoRoot(), "tests", "clients");

    /// <summary>Writes <paramref name="job"/> to a file, runs <c>node script job.json [extra]</c>, parses what it prints.</summary>
    public static JsonNode Run(string script, object job, params string[] before)
    {
        if (!Directory.Exists(Path.Combine(Clients, "node_modules", "puppeteer-core")))
            throw new InvalidOperationException($"puppeteer-core is not installed: run 'npm ci' in {Clients} (tests/test.sh does).");
        var jobFile = Path.Combine(Path.GetTempPath(), $"live-job-{Guid.NewGuid():N}.json");
        File.WriteAllText(jobFile, JsonSerializer.Serialize(job));
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = Clients, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(Clients, script));
            foreach (var arg in before) start.ArgumentList.Add(arg);
            start.ArgumentList.Add(jobFile);
            using var node = Process.Start(start)!;
            var stderr = node.StandardError.ReadToEndAsync();
            var stdout = node.StandardOutput.ReadToEnd();
            if (!node.WaitForExit(180_000)) node.Kill(entireProcessTree: true);
            if (node.ExitCode != 0) throw new InvalidOperationException($"node {script} failed ({node.ExitCode}): {stderr.Result}");
            return JsonNode.Parse(stdout)!;
        }
        finally
        {
            File.Delete(jobFile);
        }
    }

    /// <summary>A number as the scripts print it (JavaScript's String(x), "-0" for negative zero).</summary>
    public static double Parse(JsonNode? node) => node!.GetValue<string>() switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        var s => double.Parse(s, CultureInfo.InvariantCulture),
    };

    /// <summary>A number for the scripts: shortest round-trip text.</summary>
    public static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A fresh temporary folder for pages and screenshots.</summary>
    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "scalar-autograd-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalarAutograd.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ScalarAutograd.sln not found above " + AppContext.BaseDirectory);
    }
}
