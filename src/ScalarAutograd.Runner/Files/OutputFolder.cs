namespace ScalarAutograd.Runner;

/// <summary>
/// Checks, before any cell runs, that the runner will be able to write its results (<c>&lt;out&gt;/&lt;name&gt;.ipynb</c>
/// and the graphs in <c>&lt;out&gt;/&lt;name&gt;/</c>) and that writing them cannot overwrite the notebook itself.
/// </summary>
internal static class OutputFolder
{
    /// <exception cref="NotebookException">The folder is a file, cannot be created or written, holds a graph folder
    /// that cannot be written, or is the folder of an .ipynb notebook, whose results would overwrite it.</exception>
    public static void Check(string outDir, string notebookName, string? notebook = null)
    {
        if (File.Exists(outDir)) throw new NotebookException($"--out '{outDir}' is a file; give a folder for the results.");
        if (notebook is not null && SameFile(Path.Combine(outDir, notebookName + ".ipynb"), notebook))
        {
            throw new NotebookException(
                $"--out '{outDir}' is the notebook's own folder: writing '{notebookName}.ipynb' there would overwrite the notebook itself. " +
                $"Give another folder, e.g. --out '{Path.Combine(outDir, "executed")}'.");
        }
        Probe(outDir, notebookName, e => $"Cannot write results to --out '{outDir}': {e.Message}");
        if (Directory.Exists(Path.Combine(outDir, notebookName + ".ipynb")))
            throw new NotebookException($"Cannot write '{Path.Combine(outDir, notebookName + ".ipynb")}': a folder has that name.");
        var graphs = Path.Combine(outDir, notebookName);
        if (File.Exists(graphs))
            throw new NotebookException($"Cannot write graphs into '{graphs}': a file has that name.");
        // An earlier run's graph folder, perhaps made by another user or made read-only since: the graphs are written
        // after every cell ran, so find out now.
        if (Directory.Exists(graphs)) Probe(graphs, notebookName, e => $"Cannot write graphs into '{graphs}': {e.Message}");
    }

    private static void Probe(string folder, string notebookName, Func<Exception, string> message)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".{notebookName}.write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new NotebookException(message(e));
        }
    }

    private static bool SameFile(string a, string b) =>
        string.Equals(RealPath(a), RealPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    // The full path with every symbolic link along it resolved, so that two spellings of one file compare equal.
    private static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                if (depth < 40 && new FileInfo(current).LinkTarget is not null && new FileInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    current = RealPath(target.FullName, depth + 1);
            }
            catch (IOException)
            {
                // a loop of links: compare it as written
            }
        }
        return current;
    }
}
