using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>The cell that stopped a run, and why.</summary>
internal sealed record CellFailure(int Number, string FirstLine, string Error);

/// <summary>How a run went: the failing cell if any, and with --rerun-check each cell whose outputs changed.</summary>
internal sealed record RunOutcome(CellFailure? Failure, IReadOnlyList<RerunDifference> Differences);

/// <summary>
/// Runs a notebook's C# cells in order in a worker process (see <see cref="Worker"/>), filling in each cell's
/// outputs and printing one line per cell. Stops at the first failing cell, at a cell that runs longer than the
/// cell timeout, or at a cell that ends the worker. With --rerun-check, then re-runs every code cell last to first
/// and compares its outputs with the first run's (see <see cref="RerunCheck"/>).
/// </summary>
internal static class NotebookRunner
{
    public static async Task<RunOutcome> RunAsync(InteractiveDocument document, Options options, Action<string> progress)
    {
        var cells = document.Elements;
        var total = cells.Count;
        using var worker = WorkerProcess.Start(options.Notebook, options.RerunCheck);
        for (var i = 0; i < total; i++)
        {
            var cell = cells[i];
            if (!NotebookFile.IsCode(cell))
            {
                progress($"[{i + 1}/{total}] {cell.KernelName}");
                continue;
            }
            cell.Outputs.Clear();
            var (result, ended) = await AwaitCellAsync(worker, i, 1, options.CellTimeout);
            if (result is null)
            {
                cell.Outputs.Add(new ErrorElement(errorValue: ended!, errorName: "RunnerError", stackTrace: []));
                progress($"[{i + 1}/{total}] csharp ✗");
                return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), ended!), []);
            }
            cell.Outputs.AddRange(result.Outputs);
            progress($"[{i + 1}/{total}] csharp {(result.Succeeded ? "✓" : "✗")} {result.Elapsed.TotalSeconds:0.00} s");
            if (!result.Succeeded) return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), result.Error ?? "failed"), []);
        }
        if (!options.RerunCheck) return new RunOutcome(null, []);

        progress("Re-running every code cell once more, last to first, in the same kernel:");
        var differences = new List<RerunDifference>();
        for (var i = total - 1; i >= 0; i--)
        {
            var cell = cells[i];
            if (!NotebookFile.IsCode(cell)) continue;
            var (result, ended) = await AwaitCellAsync(worker, i, 2, options.CellTimeout);
            if (result is null)
            {
                progress($"[re-run {i + 1}/{total}] csharp ✗");
                return new RunOutcome(new CellFailure(i + 1, NotebookFile.FirstLine(cell), "on re-run: " + ended), differences);
            }
            var difference = RerunCheck.Compare(i + 1, NotebookFile.FirstLine(cell), cell.Outputs, result.Outputs);
            progress($"[re-run {i + 1}/{total}] csharp {(difference is null ? "✓ same outputs" : "✗ outputs differ")}");
            if (difference is not null) differences.Add(difference);
        }
        return new RunOutcome(null, differences);
    }

    // Until a cell starts, the worker may still be starting its kernel: that wait gets this much more than a cell.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(2);

    // Waits for the worker to finish one cell: a result, or (null, why not) when the cell timed out or the worker
    // ended. The clock restarts when the worker says the cell started, so the timeout is the cell's own time.
    internal static async Task<(CellResult? Result, string? Ended)> AwaitCellAsync(WorkerProcess worker, int cell, int pass, TimeSpan timeout)
    {
        var started = false;
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = await worker.NextAsync(started ? timeout : timeout + StartupAllowance);
            }
            catch (TimeoutException)
            {
                return (null, $"the cell did not finish within {timeout.TotalSeconds:0.#} s (--cell-timeout), so the runner stopped it");
            }
            if (message is null) return (null, worker.ExitReason());
            if (message.Type == "done" && message.Cell == cell && message.Pass == pass) return (message.ToResult(), null);
            started |= message.Type == "start" && message.Cell == cell;
            if (message.Type == "end") return (null, "the worker ended before it ran this cell");
        }
    }
}
