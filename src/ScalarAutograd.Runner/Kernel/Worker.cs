namespace ScalarAutograd.Runner;

/// <summary>
/// The child process that runs the cells (<c>ScalarAutograd.Runner --worker notebook [--rerun-check] [--edit-check]</c>). The
/// runner watches it: whatever a cell does to this process (<c>Environment.Exit</c>, a stack overflow, an unhandled
/// exception on another thread, an endless loop), the runner survives and names the cell.
/// </summary>
internal static class Worker
{
    public const string Flag = "--worker";

    public static async Task<int> RunAsync(string notebook, bool rerunCheck, bool editCheck = false)
    {
        using var channel = new WorkerChannel();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            channel.Send(new WorkerMessage("crash", Error: e.ExceptionObject.ToString()));

        var document = NotebookFile.Load(notebook);
        Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook)!); // relative #r paths, as in VS Code
        using var kernel = CellExecutor.CreateKernel();
        await CellExecutor.RunAsync(kernel, "0"); // warm up Roslyn (~1.5 s) before the first cell's clock starts
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
        channel.Send(new WorkerMessage("end"));
        return 0;
    }
}
