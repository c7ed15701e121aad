using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ScalarAutograd.Testing;

/// <summary>What one submitted cell gave back: its displayed values (MIME type → text), its console output, how it ended and how long it took.</summary>
internal sealed record StdioCell(bool Succeeded, string? Error, IReadOnlyList<IReadOnlyDictionary<string, string>> Values, string StandardOutput, TimeSpan Elapsed)
{
    /// <summary>Every value's <paramref name="mimeType"/> text, in the order they came.</summary>
    public IEnumerable<string> Outputs(string mimeType) => Values.Where(v => v.ContainsKey(mimeType)).Select(v => v[mimeType]);

    public override string ToString() =>
        $"{(Succeeded ? "succeeded" : "failed: " + Error)} in {Elapsed.TotalSeconds:0.000} s; values: " +
        string.Join("; ", Values.Select(v => string.Join(", ", v.Select(p => $"{p.Key} ({p.Value.Length} chars)")))) +
        (StandardOutput.Length > 0 ? $"; stdout: {StandardOutput}" : "");
}

/// <summary>
/// <c>dotnet interactive stdio</c>, the kernel VS Code's Polyglot extension starts: JSON commands on stdin, JSON events
/// on stdout (shared/reference/real-clients.md, "The stdio protocol"). Every wait is bounded; disposing kills the
/// whole process tree, since the kernel does not exit when its stdin closes.
/// </summary>
internal sealed class StdioKernel : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<JsonElement> _events = new();
    private readonly StringBuilder _stderr = new();

    /// <summary>The global tool <c>dotnet-interactive</c> (on PATH or in ~/.dotnet/tools), or null when it is not installed.</summary>
    public static string? ToolPath => GlobalTools.Find("dotnet-interactive");

    /// <summary>How to install the tool, for a test or a benchmark that finds it missing.</summary>
    public const string InstallHelp = "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001";

    /// <summary>From the process's start to its KernelReady event.</summary>
    public TimeSpan Ready { get; }

    private StdioKernel(string workingDirectory, TimeSpan readyTimeout)
    {
        var tool = ToolPath ?? throw new InvalidOperationException($"dotnet-interactive is not installed: {InstallHelp}");
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in new[] { "stdio", "--working-dir", workingDirectory, "--default-kernel", "csharp" }) start.ArgumentList.Add(a);
        start.Environment["PATH"] = GlobalTools.SearchPath;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.StandardInput.AutoFlush = true;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        new Thread(ReadEvents) { IsBackground = true, Name = "stdio kernel events" }.Start();
        try
        {
            Next(e => Type(e) == "KernelReady", readyTimeout, "start (KernelReady)");
        }
        catch
        {
            Dispose();
            throw;
        }
        Ready = clock.Elapsed;
    }

    /// <summary>Starts a fresh kernel in <paramref name="workingDirectory"/> and waits (at most <paramref name="readyTimeout"/>) until it is ready.</summary>
    public static StdioKernel Start(string workingDirectory, TimeSpan readyTimeout) => new(workingDirectory, readyTimeout);

    /// <summary>Submits one C# cell, as VS Code does when the user runs it, and waits at most <paramref name="timeout"/> for its end.</summary>
    public StdioCell Submit(string code, TimeSpan timeout)
    {
        var token = Guid.NewGuid().ToString();
        var command = JsonSerializer.Serialize(new
        {
            token,
            id = Guid.NewGuid().ToString("N"),
            commandType = "SubmitCode",
            command = new { code, targetKernelName = "csharp" },
            routingSlip = Array.Empty<string>(),
        });
        var values = new List<IReadOnlyDictionary<string, string>>();
        var stdout = new StringBuilder();
        var clock = Stopwatch.StartNew();
        _process.StandardInput.WriteLine(command);
        while (true)
        {
            var e = Next(_ => true, timeout - clock.Elapsed, "run the cell");
            var type = Type(e);
            var body = e.TryGetProperty("event", out var b) ? b : default;
            if (type is "ReturnValueProduced" or "DisplayedValueProduced" or "DisplayedValueUpdated")
                values.Add(Formatted(body).ToDictionary(f => f.Mime, f => f.Value));
            else if (type == "StandardOutputValueProduced")
                stdout.Append(string.Concat(Formatted(body).Where(f => f.Mime == "text/plain").Select(f => f.Value)));
            else if (type is "CommandSucceeded" or "CommandFailed" && Token(e) == token)
                return new StdioCell(type == "CommandSucceeded", type == "CommandFailed" ? body.GetProperty("message").GetString() : null, values, stdout.ToString(), clock.Elapsed);
        }
    }

    private static IEnumerable<(string Mime, string Value)> Formatted(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("formattedValues", out var f)
            ? f.EnumerateArray().Select(v => (v.GetProperty("mimeType").GetString()!, v.GetProperty("value").GetString() ?? ""))
            : [];

    private static string? Type(JsonElement e) => e.TryGetProperty("eventType", out var t) ? t.GetString() : null;

    private static string? Token(JsonElement e) =>
        e.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("token", out var t) ? t.GetString() : null;

    // The next event that matches, within the time left; a timeout or an ended kernel says what it was doing and what it printed.
    private JsonElement Next(Func<JsonElement, bool> wanted, TimeSpan timeLeft, string doing)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Math.Max(0, timeLeft.TotalSeconds) * Stopwatch.Frequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
            if (!_events.TryTake(out var e, left))
            {
                if (_events.IsCompleted)
                    throw new InvalidOperationException($"dotnet interactive stdio ended (exit {(_process.HasExited ? _process.ExitCode : -1)}) before it could {doing}: {StandardError}");
                throw new TimeoutException($"dotnet interactive stdio did not {doing} within {timeLeft.TotalSeconds:0} s: {StandardError}");
            }
            if (wanted(e)) return e;
        }
    }

    private string StandardError
    {
        get
        {
            lock (_stderr) return _stderr.Length <= 2000 ? _stderr.ToString() : "…" + _stderr.ToString()[^2000..];
        }
    }

    // Its stdout, one JSON event a line; anything else (there should be nothing) is skipped.
    private void ReadEvents()
    {
        try
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                if (!line.StartsWith('{')) continue;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    _events.Add(json.RootElement.Clone());
                }
                catch (JsonException)
                {
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _events.CompleteAdding();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
