using ScalarAutograd.Runner;

// Usage, exit codes and signals: see Arguments.Usage. With no notebook it runs ScalarDerivative.dib at the
// repository root into artifacts/.
if (args.Length >= 2 && args[0] == Worker.Flag) return await Worker.RunAsync(args[1], args.Contains("--rerun-check"), args.Contains("--edit-check"));
if (args.Length >= 3 && args[0] == WatchWorker.Flag) return await WatchWorker.RunAsync(args[1], args[2]);
using var signals = new Signals();
try
{
    var options = Arguments.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(Arguments.Usage);
        return 0;
    }
    if (options.Watch)
    {
        signals.Dispose(); // watch mode handles Ctrl-C itself: it stops the server and the kernel and exits 0
        return await WatchCommand.RunAsync(options);
    }
    // Everything about the input and the output folder is checked before the first cell runs.
    var document = NotebookFile.Load(options.Notebook);
    var name = Path.GetFileNameWithoutExtension(options.Notebook);
    OutputFolder.Check(options.OutDir, name, options.Notebook);
    if (signals.Received is { } early)
    {
        Console.Error.WriteLine($"Interrupted by {early} before any cell ran: nothing was run or written.");
        return signals.ExitCode;
    }

    Console.WriteLine($"Running {Path.GetRelativePath(Directory.GetCurrentDirectory(), options.Notebook)}");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var outcome = await NotebookRunner.RunAsync(document, options, Console.WriteLine, signals);
    var (ipynb, graphs) = NotebookExport.Write(document, options.Notebook, options.OutDir, outcome.Failure, outcome.Differences, outcome.Edit?.Problems);
    if (outcome.Failure is { Interrupted: true } interrupted)
    {
        Console.Error.WriteLine($"Interrupted by {signals.Received} at cell {interrupted.Number}: {interrupted.FirstLine}");
        Console.Error.WriteLine($"Stopped the worker; wrote the notebook up to cell {interrupted.Number}, marked interrupted: {ipynb}");
        return signals.ExitCode;
    }
    if (outcome.Failure is { } failure)
    {
        Console.Error.WriteLine($"Cell {failure.Number} failed: {failure.FirstLine}");
        Console.Error.WriteLine(failure.Error);
        Console.Error.WriteLine($"Wrote the notebook up to cell {failure.Number}, marked failed: {ipynb}");
        return 1;
    }
    Console.WriteLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s: wrote {ipynb} and {graphs.Count} graph(s) in {Path.Combine(options.OutDir, name)}");
    if (outcome.Differences.Count > 0)
    {
        foreach (var difference in outcome.Differences) Console.Error.WriteLine(difference);
        Console.Error.WriteLine($"{outcome.Differences.Count} cell(s) give different outputs when re-run: cells {string.Join(", ", outcome.Differences.Select(d => d.Number).Order())}");
    }
    if (outcome.Edit?.Problems is { Count: > 0 } problems)
    {
        foreach (var problem in problems) Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"Edit check failed: after an edit, cells {string.Join(", ", problems.Select(p => p.Number).Distinct().Order())} show something else or fail without the re-run hint ({problems.Count} case(s) above)");
    }
    if (outcome.Differences.Count > 0 || outcome.Edit?.Problems is { Count: > 0 }) return 1;
    if (options.RerunCheck) Console.WriteLine("Re-run check passed: every code cell gives the same outputs when run again.");
    if (outcome.Edit is { } edit)
        Console.WriteLine($"Edit check passed: after re-running any cell that declares a type or method, every cell below shows the same outputs, or fails with the re-run hint ({edit.Hinted.Count} case(s)).");
    return 0;
}
catch (NotebookException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot write the results: {e.Message}");
    return 2;
}
