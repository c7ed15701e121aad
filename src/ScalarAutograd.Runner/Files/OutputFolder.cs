namespace ScalarAutograd.Runner;

/// <summary>Checks, before any cell runs, that the runner will be able to write its results.</summary>
internal static class OutputFolder
{
    /// <exception cref="NotebookException">The folder is a file, cannot be created, or cannot be written.</exception>
    public static void Check(string outDir, string notebookName)
    {
        if (File.Exists(outDir)) throw new NotebookException($"--out '{outDir}' is a file; give a folder for the results.");
        try
        {
            Directory.CreateDirectory(outDir);
            var probe = Path.Combine(outDir, $".{notebookName}.write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new NotebookException($"Cannot write results to --out '{outDir}': {e.Message}");
        }
        if (Directory.Exists(Path.Combine(outDir, notebookName + ".ipynb")))
            throw new NotebookException($"Cannot write '{Path.Combine(outDir, notebookName + ".ipynb")}': a folder has that name.");
        if (File.Exists(Path.Combine(outDir, notebookName)))
            throw new NotebookException($"Cannot write graphs into '{Path.Combine(outDir, notebookName)}': a file has that name.");
    }
}
