using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ScalarAutograd.Runner;

/// <summary>
/// The runner's side of the worker: starts it with its two pipes (see <see cref="WorkerChannel"/>), reads its
/// messages with a deadline, passes on what cells print to the process's stdout, and keeps the start of its stderr
/// (a stack overflow or a crash prints its reason there). Disposing it ends the worker and every process it started.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int StderrKept = 4000;
    private const int StderrLinesShown = 8;
    private readonly Process _process;
    private readonly AnonymousPipeServerStream _messagePipe;
    private readonly AnonymousPipeServerStream _lifeline;
    private readonly Channel<WorkerMessage> _messages = Channel.CreateUnbounded<WorkerMessage>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;
    private readonly Task _readingOutput;
    private readonly Task _readingErrors;

    private WorkerProcess(Process process, AnonymousPipeServerStream messages, AnonymousPipeServerStream lifeline)
    {
        _process = process;
        _messagePipe = messages;
        _lifeline = lifeline;
        _reading = Task.Run(ReadMessagesAsync);
        _readingOutput = Task.Run(PassOutputOnAsync);
        _readingErrors = Task.Run(ReadErrorsAsync);
        _ = Task.Run(EndWithProcessAsync);
    }

    /// <summary>Set when the worker reported an unhandled exception just before it died.</summary>
    public string? Crash { get; private set; }

    /// <summary>Set when the worker sent something that is not a message (a bug, reported rather than thrown).</summary>
    public string? ProtocolError { get; private set; }

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
        var messages = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var lifeline = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        start.Environment[WorkerChannel.Variable] = $"{messages.GetClientHandleAsString()} {lifeline.GetClientHandleAsString()}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        // Only the worker holds the other ends now: the message pipe ends when it does, the lifeline when we do.
        messages.DisposeLocalCopyOfClientHandle();
        lifeline.DisposeLocalCopyOfClientHandle();
        process.StandardInput.Close(); // a cell that reads the console gets end-of-input instead of waiting forever
        return new WorkerProcess(process, messages, lifeline);
    }

    /// <summary>The next message; null when the worker has ended without one.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>.</exception>
    public Task<WorkerMessage?> NextAsync(TimeSpan timeout) => NextAsync(timeout, CancellationToken.None);

    /// <summary>The next message; null when the worker has ended without one.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled first.</exception>
    public async Task<WorkerMessage?> NextAsync(TimeSpan timeout, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
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
        if (ProtocolError is not null) return $"the runner could not read its worker's message ({ProtocolError}); this is a bug in the runner";
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
        try
        {
            using var reader = new StreamReader(_messagePipe, Encoding.UTF8);
            while (await reader.ReadLineAsync() is { } line)
            {
                var message = WorkerMessage.FromLine(line);
                if (message.Type == "crash") Crash = message.Error;
                else _messages.Writer.TryWrite(message);
            }
        }
        catch (JsonException e)
        {
            ProtocolError = e.Message;
        }
        catch (IOException)
        {
            // the pipe broke: the worker is gone, and its exit says why
        }
        _messages.Writer.TryComplete();
    }

    // A process a cell started may have inherited the message pipe and keep it open after the worker ended: the
    // worker's exit ends the messages too, once what it wrote before has been read.
    private async Task EndWithProcessAsync()
    {
        await _process.WaitForExitAsync();
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(2)));
        _messages.Writer.TryComplete();
    }

    // What reaches the worker's own stdout (a cell's thread printing outside the kernel's capture) is only text.
    private async Task PassOutputOnAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length > 0) Console.WriteLine(line);
        }
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
        _readingOutput.Wait(TimeSpan.FromSeconds(5));
        _lifeline.Dispose();
        _messagePipe.Dispose();
        _process.Dispose();
    }
}
