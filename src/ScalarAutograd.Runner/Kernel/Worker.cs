using System.Runtime.InteropServices;

namespace ScalarAutograd.Runner;

/// <summary>
/// The child process that runs the cells (<c>ScalarAutograd.Runner --worker notebook [--rerun-check] [--edit-check]</c>, started by
/// <see cref="WorkerProcess"/> only). The runner watches it: whatever a cell does to this process
/// (<c>Environment.Exit</c>, a stack overflow, an unhandled exception on another thread, an endless loop), the runner
/// survives and names the cell.
/// </summary>
internal static class Worker
{
    public const string Flag = "--worker";

    // After the last cell: how long threads that cells started may go on before the worker says it is done, so that
    // one that throws is reported rather than cut off. At least the first, at most the second.
    private static readonly TimeSpan SettleAtLeast = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleAtMost = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string notebook, bool rerunCheck, bool editCheck = false)
    {
        using var channel = new WorkerChannel();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            channel.Send(new WorkerMessage("crash", Error: e.ExceptionObject.ToString()));
        // Ctrl+C and a closed terminal reach the whole process group: the runner decides, and stops this process.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);

        var document = NotebookFile.Load(notebook);
        Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook)!); // relative #r paths, as in VS Code
        using var kernel = CellExecutor.CreateKernel();
        await CellExecutor.RunAsync(kernel, "0"); // warm up Roslyn (~1.5 s) before the first cell's clock starts
        var idle = BusyPoolThreads();
        var code = Enumerable.Range(0, document.Elements.Count).Where(i => NotebookFile.IsCode(document.Elements[i])).ToList();

        foreach (var i in code)
        {
            channel.Send(new WorkerMessage("start", i, Pass: 1));
            var result = await CellExecutor.RunAsync(kernel, document.Elements[i].Contents);
            channel.Send(WorkerMessage.Done(i, 1, result));
            if (!result.Succeeded)
            {
                channel.Send(new WorkerMessage("end"));
                return 0;
            }
        }
        if (rerunCheck)
        {
            // Last to first: each cell sees what Run All left behind, as when a learner scrolls up and re-runs one.
            foreach (var i in Enumerable.Reverse(code))
            {
                channel.Send(new WorkerMessage("start", i, Pass: 2));
                channel.Send(WorkerMessage.Done(i, 2, await CellExecutor.RunAsync(kernel, document.Elements[i].Contents)));
            }
        }
        if (editCheck)
        {
            // A learner's edit: re-run the edited cell, then one cell below it (EditCheck.Plan says which).
            foreach (var step in EditCheck.Plan(document))
            {
                foreach (var i in new[] { step.Edited, step.Cell })
                {
                    channel.Send(new WorkerMessage("start", i, Pass: EditCheck.Pass));
                    channel.Send(WorkerMessage.Done(i, EditCheck.Pass, await CellExecutor.RunAsync(kernel, document.Elements[i].Contents)));
                }
            }
        }
        await SettleAsync(idle);
        channel.Send(new WorkerMessage("end"));
        return 0;
    }

    // Waits until the thread pool is back to the work it had before the first cell (the tasks cells started have
    // finished), within SettleAtLeast..SettleAtMost. A thread that throws meanwhile ends this process, and the
    // runner reports it.
    private static async Task SettleAsync(int idle)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(SettleAtLeast);
        while (watch.Elapsed < SettleAtMost && (BusyPoolThreads() > idle || ThreadPool.PendingWorkItemCount > 0))
            await Task.Delay(100);
    }

    private static int BusyPoolThreads()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available;
    }
}
