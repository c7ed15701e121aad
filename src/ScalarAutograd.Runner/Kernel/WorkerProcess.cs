using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace ScalarAutograd.Runner;

/// <summary>
/// The runner's side of the worker: starts it, reads its messages with a deadline, and keeps the start of its
/// stderr (a stack overflow or a crash prints its reason there).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int StderrKept = 4000;
    private const int StderrLinesShown = 8;
    private readonly Process _process;
    private readonly Channel<WorkerMessage> _messages = Channel.CreateUnbounded<WorkerMessage>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;
    private readonly Task _readingErrors;

    private WorkerProcess(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadMessagesAsync);
        _readingErrors = Task.Run(ReadErrorsAsync);
    }

    /// <summary>Set when the worker reported an unhandled exception just before it died.</summary>
    public string? Crash { get; private set; }

    public static WorkerProcess Start(string notebook, bool rerunCheck, bool editCheck = false) =>
        StartWith([Worker.Flag, notebook, .. rerunCheck ? ["--rerun-check"] : Array.Empty<string>(), .. editCheck ? ["--edit-check"] : Array.Empty<string>()]);

    /// <summary>Starts the worker with these arguments (after the program itself); --watch starts its own kind.</summary>
    public static WorkerProcess StartWith(IReadOnlyList<string> arguments)
    {
        // Run the same program again: "dotnet Runner.dll --worker …", or the apphost directly.
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(Worker).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        process.StandardInput.Close(); // a cell that reads the console gets end-of-input instead of waiting forever
        return new WorkerProcess(process);
    }

    /// <summary>The next message; null when the worker has ended without one.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>.</exception>
    public async Task<WorkerMessage?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException();
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Why the worker ended: its exit code, a crash it reported, and the start of its stderr.</summary>
    public string ExitReason()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) return "the worker stopped answering";
        _readingErrors.Wait(TimeSpan.FromSeconds(5));
        var reason = new StringBuilder($"the cell ended the runner's worker process (exit code {_process.ExitCode}) before it finished (Environment.Exit, a stack overflow, or an unhandled exception on a thread this or an earlier cell started)");
        if (Crash is not null) reason.Append("\nunhandled exception: ").Append(Crash);
        string stderr;
        lock (_stderr) stderr = _stderr.ToString().Trim();
        if (stderr.Length > 0 && (Crash is null || !stderr.Contains(Crash.Split('\n')[0], StringComparison.Ordinal)))
            reason.Append('\n').Append(string.Join('\n', stderr.Split('\n').Take(StderrLinesShown)));
        return reason.ToString();
    }

    private async Task ReadMessagesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length == 0) continue;
            var message = WorkerMessage.FromLine(line);
            if (message is null) Console.WriteLine(line); // a cell printed outside the kernel's capture
            else if (message.Type == "crash") Crash = message.Error;
            else _messages.Writer.TryWrite(message);
        }
        _messages.Writer.TryComplete();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderr)
            {
                if (_stderr.Length < StderrKept) _stderr.AppendLine(line.Length > 300 ? line[..300] + "…" : line);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _reading.Wait(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
