using System.IO.Pipes;
using System.Text;
using System.Text.Json;

namespace ScalarAutograd.Runner;

/// <summary>
/// The runner's side of a <see cref="WatchWorker"/>: one kernel that keeps its state between runs, so a save re-runs
/// only the cells from the first changed one down. Disposing it ends the worker (and whatever its cells started).
/// </summary>
internal sealed class KernelSession : IDisposable
{
    private readonly WorkerProcess _worker;
    private readonly NamedPipeServerStream _pipe;
    private readonly StreamWriter _commands;
    private int _pass;
    private int _disposed;

    private KernelSession(WorkerProcess worker, NamedPipeServerStream pipe)
    {
        _worker = worker;
        _pipe = pipe;
        _commands = new StreamWriter(pipe, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>False once the worker ended or a cell ran out of time: the next run needs a new session.</summary>
    public bool Alive { get; private set; } = true;

    /// <exception cref="TimeoutException">The worker did not connect within a minute.</exception>
    public static async Task<KernelSession> StartAsync(string folder)
    {
        var name = "sa-watch-" + Guid.NewGuid().ToString("N");
        var pipe = new NamedPipeServerStream(name, PipeDirection.Out, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        var worker = WorkerProcess.StartWith([WatchWorker.Flag, folder, name]);
        try
        {
            await pipe.WaitForConnectionAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch
        {
            worker.Dispose();
            await pipe.DisposeAsync();
            throw;
        }
        return new KernelSession(worker, pipe);
    }

    /// <summary>Runs one cell: its result, or (null, why not) when it timed out or ended the worker.</summary>
    public async Task<(CellResult? Result, string? Ended)> RunAsync(int cell, string code, TimeSpan timeout)
    {
        var pass = ++_pass;
        try
        {
            await _commands.WriteLineAsync(JsonSerializer.Serialize(new RunCommand(cell, pass, code)));
        }
        catch (IOException)
        {
            Alive = false;
            return (null, _worker.ExitReason());
        }
        try
        {
            var (result, ended) = await NotebookRunner.AwaitCellAsync(_worker, cell, pass, timeout, signals: null);
            if (result is null) Alive = false;
            return (result, ended?.Why);
        }
        catch (InvalidOperationException) when (_disposed == 1)
        {
            return (null, "the kernel was stopped (Restart kernel, or Ctrl-C)"); // ended from another thread mid-cell
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return; // the restart button and the loop may both end it
        Alive = false;
        _worker.Dispose();
        try
        {
            _commands.Dispose();
        }
        catch (IOException)
        {
            // the worker is gone: nothing to flush to
        }
        _pipe.Dispose();
    }
}
