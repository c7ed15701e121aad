using ScalarAutograd.Runner;

// Usage: ScalarAutograd.Runner [notebook.dib] [--out <folder>]
// With no notebook it runs ScalarDerivative.dib at the repository root into artifacts/.
try
{
    var (notebook, outDir) = Arguments.Parse(args);
    Console.WriteLine($"Running {Path.GetRelativePath(Directory.GetCurrentDirectory(), notebook)}");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var (document, failure) = await NotebookRunner.RunAsync(notebook, report => Console.WriteLine(report));
    if (failure is not null)
    {
        Console.Error.WriteLine($"Cell {failure.Number} failed: {failure.FirstLine}");
        Console.Error.WriteLine(failure.Error);
        return 1;
    }
    var (ipynb, graphs) = NotebookExport.Write(document, notebook, outDir);
    Console.WriteLine($"Done in {watch.Elapsed.TotalSeconds:0.0} s: wrote {ipynb} and {graphs.Count} graph(s) in {Path.Combine(outDir, Path.GetFileNameWithoutExtension(notebook))}");
    return 0;
}
catch (NotebookException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
