using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>The cell that stopped a run, and why; <see cref="Interrupted"/> when a signal stopped it.</summary>
internal sealed record CellFailure(int Number, string FirstLine, string Error, bool Interrupted = false);

/// <summary>How a run went: the failing cell if any, and with --rerun-check each cell whose outputs changed.</summary>
internal sealed record RunOutcome(CellFailure? Failure, IReadOnlyList<RerunDifference> Differences, EditCheckOutcome? Edit = null);

/// <summary>
/// Runs a notebook's C# cells in order in a worker process (see <see cref="Worker"/>), filling in each cell's
/// outputs and printing one line per cell. Stops at the first failing cell, at a cell that runs longer than the
/// cell timeout, or at a cell that ends the worker. With --rerun-check, then re-runs every code cell last to first
/// and compares its outputs with the first run's (see <see cref="RerunCheck"/>).
/// </summary>
internal static class NotebookRunner
{
    public static async Task<RunOutcome> RunAsync(InteractiveDocument document, Options options, Action<string> progress, Signals? signals = null)
    {
        var cells = document.Elements;
        var total = cells.Count;
        foreach (var cell in cells) cell.Outputs.Clear(); // an executed .ipynb's old outputs: only cells that run get new ones
        using var worker = WorkerProcess.Start(options.Notebook, options.RerunCheck, options.EditCheck);
        var lastCode = -1;
        for (var i = 0; i < total; i++)
        {
            var cell = cells[i];
            if (!NotebookFile.IsCode(cell))
            {
                progress($"[{i + 1}/{total}] {cell.KernelName}");
                continue;
            }
            lastCode = i;
            var (result, ended) = await AwaitCellAsync(worker, i, 1, options.CellTimeout, signals);
            if (result is null)
            {
                cell.Outputs.Add(new ErrorElement(errorValue: ended!.Why, errorName: ended.Interrupted ? "Interrupted" : "RunnerError", stackTrace: []));
                progress($"[{i + 1}/{total}] csharp ✗");
                return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), ended.Why, ended.Interrupted), []);
            }
            cell.Outputs.AddRange(result.Outputs);
            progress($"[{i + 1}/{total}] csharp {(result.Succeeded ? "✓" : "✗")} {result.Elapsed.TotalSeconds:0.00} s");
            if (!result.Succeeded) return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), result.Error ?? "failed"), []);
        }
        var differences = new List<RerunDifference>();
        if (options.RerunCheck)
        {
            progress("Re-running every code cell once more, last to first, in the same kernel:");
            for (var i = total - 1; i >= 0; i--)
            {
                var cell = cells[i];
                if (!NotebookFile.IsCode(cell)) continue;
                var (result, ended) = await AwaitCellAsync(worker, i, 2, options.CellTimeout, signals);
                if (result is null)
                {
                    progress($"[re-run {i + 1}/{total}] csharp ✗");
                    return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), "on re-run: " + ended!.Why, ended.Interrupted), differences);
                }
                var difference = RerunCheck.Compare(i + 1, NotebookFile.FirstLine(cell), cell.Outputs, result.Outputs);
                progress($"[re-run {i + 1}/{total}] csharp {(difference is null ? "✓ same outputs" : "✗ outputs differ")}");
                if (difference is not null) differences.Add(difference);
            }
        }
        EditCheckOutcome? edit = null;
        if (options.EditCheck)
        {
            progress("Edit check: re-running each cell that declares a type or method, then each code cell below it on its own:");
            edit = await EditCheck.RunAsync(document, worker, options.CellTimeout, progress, signals);
            if (edit.Stopped is not null) return new RunOutcome(edit.Stopped, differences, edit);
        }
        if (lastCode >= 0 && await AwaitEndAsync(worker, signals) is { } late)
        {
            var cell = cells[lastCode];
            cell.Outputs.Add(new ErrorElement(errorValue: late.Why, errorName: late.Interrupted ? "Interrupted" : "RunnerError", stackTrace: []));
            return new RunOutcome(new CellFailure(lastCode + 1, NotebookFile.FirstLine(cell), late.Why, late.Interrupted), differences);
        }
        return new RunOutcome(null, differences, edit);
    }

    /// <summary>Why no result came: the cell timed out, the worker ended, or a signal interrupted the run.</summary>
    internal sealed record Ended(string Why, bool Interrupted = false);

    // Until a cell starts, the worker may still be starting its kernel: that wait gets this much more than a cell.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(2);

    // After the last cell the worker waits (at most 10 s) for threads that cells started, then says "end".
    private static readonly TimeSpan SettleAllowance = TimeSpan.FromSeconds(60);

    // Waits for the worker to finish one cell: a result, or (null, why not) when the cell timed out, the worker
    // ended or a signal came. The clock restarts when the worker says the cell started, so the timeout is the cell's
    // own time.
    internal static async Task<(CellResult? Result, Ended? Ended)> AwaitCellAsync(WorkerProcess worker, int cell, int pass, TimeSpan timeout, Signals? signals)
    {
        var started = false;
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = await worker.NextAsync(started ? timeout : timeout + StartupAllowance, signals?.Token ?? CancellationToken.None);
            }
            catch (TimeoutException)
            {
                return (null, new Ended($"the cell did not finish within {Arguments.Describe(timeout)} (--cell-timeout), so the runner stopped it"));
            }
            catch (OperationCanceledException)
            {
                return (null, Interrupted(signals!, "while this cell ran"));
            }
            if (message is null) return (null, WorkerEnded(signals) ?? new Ended(worker.ExitReason()));
            if (message.Type == "done" && message.Cell == cell && message.Pass == pass) return (message.ToResult(), null);
            started |= message.Type == "start" && message.Cell == cell;
            if (message.Type == "end") return (null, new Ended("the worker ended before it ran this cell"));
        }
    }

    // After the last cell: null when the worker says it is done; else what ended it (a thread a cell started that
    // threw after the last cell, say).
    private static async Task<Ended?> AwaitEndAsync(WorkerProcess worker, Signals? signals)
    {
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = await worker.NextAsync(SettleAllowance, signals?.Token ?? CancellationToken.None);
            }
            catch (TimeoutException)
            {
                return new Ended($"after the last cell finished, the worker did not finish within {Arguments.Describe(SettleAllowance)}");
            }
            catch (OperationCanceledException)
            {
                return Interrupted(signals!, "after the last cell, while threads that cells started were still running");
            }
            if (message is null)
                return WorkerEnded(signals) ?? new Ended("after the last cell finished, a thread that this or an earlier cell started ended the worker: " + worker.ExitReason());
            if (message.Type == "end") return null;
        }
    }

    private static Ended Interrupted(Signals signals, string when) =>
        new($"interrupted: the runner received {signals.Received} {when}, stopped the worker and did not run the cells after it", Interrupted: true);

    // The worker ended. When a signal was sent to the whole process group (a terminal's Ctrl+C, say) it may have
    // ended the worker a moment before the runner's own handler ran: that is an interruption, not the cell's doing.
    private static Ended? WorkerEnded(Signals? signals) =>
        signals is not null && signals.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)) ? Interrupted(signals, "while this cell ran") : null;
}
