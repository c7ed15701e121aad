using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// <c>ScalarAutograd.Runner --watch</c> started as a person starts it in a terminal (SIGINT at its default, so
/// Ctrl-C reaches it even when the tests themselves run in the background), and the page driven by
/// tests/clients/watch-drive.js in headless Chromium.
/// </summary>
internal sealed partial class WatchRunner : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WatchRunner(string notebook, int port)
    {
        // env --default-signal=INT: a shell started in the background hands its children SIGINT ignored.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
        };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Repo.RunnerDll, "--watch", notebook, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Url => _url.Task.Result;

    public int Port => new Uri(Url).Port;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the runner and waits (3 minutes at most) for the URL it prints.</summary>
    public static WatchRunner Start(string notebook, int port)
    {
        var runner = new WatchRunner(notebook, port);
        if (!runner._url.Task.Wait(TimeSpan.FromMinutes(3)))
        {
            runner.Dispose();
            throw new TimeoutException("--watch printed no URL within 3 minutes:\n" + runner.Output);
        }
        return runner;
    }

    /// <summary>A free-looking port for one test, away from the default, so parallel tests do not meet.</summary>
    public static int SomePort() => Random.Shared.Next(20000, 40000);

    /// <summary>Ctrl-C: SIGINT, then the exit code (within 30 s).</summary>
    public int Interrupt()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) throw new TimeoutException("--watch did not stop within 30 s of Ctrl-C:\n" + Output);
        _process.WaitForExit(); // the output, to its end
        return _process.ExitCode;
    }

    /// <summary>Processes whose command line mentions <paramref name="text"/> (a test's own temporary folder).</summary>
    public static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }
        return found;
    }

    /// <summary>Opens the page and does <paramref name="steps"/> (see watch-drive.js); returns its report.</summary>
    public JsonNode Drive(string file, object[] steps, int scroll = 0) =>
        Drive(new { url = Url, file, scroll, steps });

    public static JsonNode Drive(object job)
    {
        var clients = Path.Combine(Repo.Root, "tests", "clients");
        if (!Directory.Exists(Path.Combine(clients, "node_modules", "puppeteer-core")))
            throw new InvalidOperationException($"puppeteer-core is not installed: run 'bash tests/clients/ensure-clients.sh'.");
        var jobFile = Path.Combine(Path.GetTempPath(), $"watch-job-{Guid.NewGuid():N}.json");
        File.WriteAllText(jobFile, JsonSerializer.Serialize(job));
        try
        {
            var result = Repo.Run("node", [Path.Combine(clients, "watch-drive.js"), jobFile], clients, TimeSpan.FromMinutes(6));
            if (result.ExitCode != 0) throw new InvalidOperationException("watch-drive.js failed: " + result);
            return JsonNode.Parse(result.Stdout)!;
        }
        finally
        {
            File.Delete(jobFile);
        }
    }

    /// <summary>The graph values a cell's pictures show: label → (data, grad) as drawn ("-2.0000").</summary>
    public static Dictionary<string, (string Data, string Grad)> Values(JsonNode cell)
    {
        var values = new Dictionary<string, (string, string)>();
        foreach (var node in cell["nodes"]!.AsArray())
        {
            var texts = node!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            var data = texts.FirstOrDefault(t => t.StartsWith("data ", StringComparison.Ordinal));
            var grad = texts.FirstOrDefault(t => t.StartsWith("grad ", StringComparison.Ordinal));
            if (data is not null && grad is not null) values[texts[0]] = (data[5..], grad[5..]);
        }
        return values;
    }

    /// <summary>The cell whose source contains <paramref name="text"/>.</summary>
    public static JsonNode Cell(JsonNode view, string text) =>
        view["cells"]!.AsArray().First(c => c!["source"]!.GetValue<string>().Contains(text, StringComparison.Ordinal))!;

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (UrlLine().Match(line) is { Success: true } m) _url.TrySetResult(m.Value);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+")]
    private static partial Regex UrlLine();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
