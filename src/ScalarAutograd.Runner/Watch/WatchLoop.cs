using System.Diagnostics;
using System.Threading.Channels;

namespace ScalarAutograd.Runner;

/// <summary>
/// Runs the notebook, then follows its file: on each save, re-runs the first changed cell and every cell below in
/// the same kernel (restarting it when a <c>#r</c>/<c>#i</c>/<c>#:</c> line changed), and on the page's button
/// restarts the kernel and runs everything. A cell that fails stops the run there; the cells below keep their
/// outputs, marked as from the previous run. A file that is gone, unreadable or half-written leaves the last good
/// outputs, with a one-line note.
/// </summary>
internal sealed class WatchLoop(string path, WatchState state, TimeSpan cellTimeout, Action publish, Action<string> log) : IDisposable
{
    private readonly Channel<bool> _triggers = Channel.CreateUnbounded<bool>(); // true: restart the kernel
    private readonly string _folder = Path.GetDirectoryName(path)!;
    private readonly string _name = Path.GetFileName(path);
    private FileSystemWatcher? _watcher;
    private KernelSession? _session;
    private volatile bool _restartRequested;
    private (bool, long, DateTime) _seen;
    private CancellationToken _stop;

    /// <summary>The page's restart button: ends the kernel now (even mid-cell) and runs every cell in a new one.</summary>
    public void RequestRestart()
    {
        _restartRequested = true;
        _triggers.Writer.TryWrite(true);
        _session?.Dispose();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        _stop = stop;
        _seen = Stat();
        _watcher = new FileSystemWatcher(_folder, _name) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime };
        FileSystemEventHandler changed = (_, _) => _triggers.Writer.TryWrite(false);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _triggers.Writer.TryWrite(false);
        _watcher.EnableRaisingEvents = true;
        using var poll = new Timer(_ => { if (Stat() != _seen) _triggers.Writer.TryWrite(false); }, null, 1000, 1000); // in case events are lost

        await RunCellsAsync(0, restart: true, "Run all");
        while (!stop.IsCancellationRequested)
        {
            var restart = await _triggers.Reader.ReadAsync(stop);
            while (_triggers.Reader.TryRead(out var more)) restart |= more;
            if (restart || _restartRequested)
            {
                _restartRequested = false;
                await RunCellsAsync(0, restart: true, "Kernel restarted");
            }
            else
            {
                await FileChangedAsync(stop);
            }
        }
    }

    private async Task FileChangedAsync(CancellationToken stop)
    {
        // An editor saves by truncating and writing, or by writing a copy and renaming it: wait until the file holds
        // still for a moment (at most a second) before reading it.
        var last = Stat();
        for (var i = 0; i < 25; i++)
        {
            await Task.Delay(40, stop);
            var now = Stat();
            if (now == last) break;
            last = now;
        }
        _seen = last;
        // Events that came while the file settled are this same save: the reading below covers them.
        while (_triggers.Reader.TryPeek(out var pending) && !pending) _triggers.Reader.TryRead(out _);
        List<WatchedCell> cells;
        try
        {
            cells = WatchedFile.Read(path);
        }
        catch (NotebookException e)
        {
            Note(File.Exists(path)
                ? $"Cannot use {_name} as saved: {e.Message.Split('\n')[0]} Showing the last good outputs."
                : $"{_name} is gone (deleted or moved?): showing the last good outputs; save it again to continue.", warn: true);
            return;
        }
        var unchanged = cells.SequenceEqual(state.Cells);
        var (from, restart) = state.Update(cells);
        if (from is null)
        {
            Note(unchanged ? $"Watching {_name}: saved, nothing changed." : $"Watching {_name}: updated the text; no code changed.", warn: false);
            return;
        }
        await RunCellsAsync(from.Value, restart, restart ? "A #r/#i line changed: restarted the kernel" : "Saved");
    }

    private async Task RunCellsAsync(int from, bool restart, string why)
    {
        var clock = Stopwatch.StartNew();
        if (restart || _session is not { Alive: true })
        {
            _session?.Dispose();
            _session = null;
            from = 0;
        }
        var cells = state.CodeCellsFrom(from);
        foreach (var i in cells) state.Set(i, "queued", null);
        if (_session is null)
        {
            Note("Starting the kernel…", warn: false, busy: true);
            try
            {
                _session = await KernelSession.StartAsync(_folder);
                if (_stop.IsCancellationRequested) _session.Dispose();
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                state.MarkStale(cells, "the kernel did not start");
                Note($"The kernel did not start ({e.Message}): press Restart kernel, or save again.", warn: true);
                return;
            }
        }
        var session = _session;
        for (var k = 0; k < cells.Count; k++)
        {
            var i = cells[k];
            if (_triggers.Reader.Count > 0)
            {
                state.MarkStale(cells.Skip(k), "a newer save is waiting");
                publish();
                return; // a newer save (or a restart) takes over from here
            }
            state.Set(i, "running", null);
            Note($"Running cell {i + 1}…", warn: false, busy: true);
            var (result, ended) = await session.RunAsync(i, state.Code(i)!, cellTimeout);
            if (_restartRequested || _stop.IsCancellationRequested) return;
            if (result is null)
            {
                state.Set(i, "error", ended!.Split('\n')[0], [new("error", Text: ended, Name: "RunnerError")]);
                state.MarkStale(cells.Skip(k + 1), "the kernel stopped");
                session.Dispose();
                Note($"Cell {i + 1} stopped the kernel: {ended.Split('\n')[0]} The next save (or Restart kernel) starts a new one.", warn: true);
                log($"{why}: cell {i + 1} stopped the kernel");
                return;
            }
            state.SetResult(i, result);
            if (!result.Succeeded)
            {
                state.MarkStale(cells.Skip(k + 1), "cell " + (i + 1) + " failed");
                Note($"Cell {i + 1} failed: {(result.Error ?? "").Split('\n')[0]} — the cells below show the previous run's outputs.", warn: true);
                log($"{why}: cell {i + 1} failed");
                return;
            }
        }
        var ran = cells.Count == 0 ? "no code cells" : cells.Count == 1 ? $"cell {cells[0] + 1}" : $"cells {cells[0] + 1}–{cells[^1] + 1}";
        Note($"Watching {_name}: {why.ToLowerInvariant()}, ran {ran} in {clock.Elapsed.TotalSeconds:0.00} s.", warn: false);
        log($"{why}: ran {ran} in {clock.Elapsed.TotalSeconds:0.00} s");
    }

    private void Note(string text, bool warn, bool busy = false)
    {
        state.SetStatus(text, warn, busy);
        publish();
    }

    private (bool, long, DateTime) Stat()
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (true, info.Length, info.LastWriteTimeUtc) : (false, 0, default);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, -1, default);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _session?.Dispose();
    }
}
