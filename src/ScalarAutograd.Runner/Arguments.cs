namespace ScalarAutograd.Runner;

/// <summary>The runner's command line: an optional notebook path and an optional <c>--out</c> folder.</summary>
internal static class Arguments
{
    public const string Usage = "usage: ScalarAutograd.Runner [notebook.dib|notebook.ipynb] [--out <folder>]";

    public static (string Notebook, string OutDir) Parse(string[] args)
    {
        string? notebook = null, outDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--out" or "-o")
            {
                if (++i >= args.Length) throw new NotebookException($"--out needs a folder. {Usage}");
                outDir = args[i];
            }
            else if (args[i] is "--help" or "-h") throw new NotebookException(Usage);
            else if (notebook is null) notebook = args[i];
            else throw new NotebookException($"Unexpected argument '{args[i]}'. {Usage}");
        }
        var root = FindRoot();
        notebook = Path.GetFullPath(notebook ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "ScalarDerivative.dib"));
        outDir = Path.GetFullPath(outDir ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "artifacts"));
        return (notebook, outDir);
    }

    // The repository root: the nearest folder upwards that holds ScalarDerivative.dib.
    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ScalarDerivative.dib"))) return dir.FullName;
            }
        }
        return null;
    }
}
