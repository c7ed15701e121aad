using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Runner;

/// <summary>What the user asked for on the command line.</summary>
internal sealed record Options(string Notebook, string OutDir, TimeSpan CellTimeout, bool RerunCheck, bool Help, bool EditCheck = false, bool Watch = false, int Port = WatchServer.DefaultPort);

/// <summary>
/// The runner's command line: an optional notebook path, <c>--out</c>, <c>--cell-timeout</c>, <c>--rerun-check</c>,
/// <c>--edit-check</c>, <c>--help</c>. Anything it cannot make sense of is a <see cref="NotebookException"/> (exit 2) with the usage.
/// </summary>
internal static partial class Arguments
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(5);

    public const string Usage = """
        usage: ScalarAutograd.Runner [notebook.dib|notebook.ipynb] [--out <folder>] [--cell-timeout <time>] [--rerun-check] [--edit-check]
               ScalarAutograd.Runner --watch [notebook.dib|notebook.ipynb|app.cs] [--port <n>] [--cell-timeout <time>]
          notebook          default: ScalarDerivative.dib at the repository root
          --out, -o         folder for <name>.ipynb and <name>/cell-NN-K.svg (default: artifacts/ at the repository root)
          --cell-timeout    how long one cell may run before the run stops, naming it: seconds, or
                            with a unit ms, s, m, h (default 300; e.g. 90s, 800ms, 5m)
          --rerun-check     after Run All, re-run every code cell once more, last to first, in the same kernel, and
                            report each cell whose outputs change (exit 1 if any)
          --edit-check      after Run All (and the re-run check), act out a learner's edit: for every code cell that
                            declares a type or a method, and for each code cell below it, re-run that cell and then
                            that one cell below, in the same kernel. A cell passes when it shows what Run All showed
                            (compared as --rerun-check compares) or fails with the kernel's "Re-run hint:" line (from
                            NotebookFormatters.Register(), which tells the learner what to re-run); report each cell
                            that shows something else or fails without the hint, with the edited cell (exit 1 if any).
                            Costs about two cell runs per (edited cell, cell below) pair
          --watch           run the notebook, then serve it as a page on 127.0.0.1 (the URL with its token is printed)
                            and, on every save, re-run the first changed cell and the cells below it; Ctrl-C stops.
                            A .cs file-based app split into cells by // %% lines works too
          --port            first port --watch tries (default 8790; taken → the next free one)
          --help, -h        this text
        writes <out>/<name>.ipynb (never over the notebook itself: --out may not be an .ipynb's own folder) with
        metadata.scalarautograd_runner.status "ok", "failed" or "interrupted" (up to that cell, failed_cell),
        "rerun-differs" (rerun_differences) or "edit-check-failed" (edit_check_cells); cells that did not run have no outputs and no execution count
        exit codes:
          0    every cell ran (and passed the checks asked for)
          1    a cell failed, timed out, ended the worker process, or a thread it started threw (even after the last
               cell), or a cell re-ran differently or failed the edit check: its number is named
          2    a problem with the arguments, the notebook (missing, not a regular file, over 64 MB, malformed, cells
               of another kernel) or the output folder, found before any cell runs
          129, 130, 143  SIGHUP, SIGINT (Ctrl+C), SIGTERM: the runner stops the worker (and what it started),
               writes the notebook up to the running cell, marked interrupted, and exits 128 + the signal's number
        if the runner is killed outright (SIGKILL), its worker ends within a moment too
        """;

    public static Options Parse(string[] args)
    {
        string? notebook = null, outDir = null;
        var timeout = DefaultCellTimeout;
        bool rerun = false, help = false, edit = false, watch = false;
        var port = WatchServer.DefaultPort;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" or "-o":
                    outDir = Value(args, ref i);
                    if (outDir.Trim().Length == 0) throw new NotebookException($"--out needs a folder, not an empty string.\n{Usage}");
                    break;
                case "--cell-timeout":
                    timeout = ParseTimeout(Value(args, ref i));
                    break;
                case "--rerun-check":
                    rerun = true;
                    break;
                case "--edit-check":
                    edit = true;
                    break;
                case "--watch":
                    watch = true;
                    break;
                case "--port":
                    var text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1024 or > 65535)
                        throw new NotebookException($"--port '{text}' is not a port number from 1024 to 65535.\n{Usage}");
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    throw new NotebookException($"Unknown option '{option}'.\n{Usage}");
                case var path when notebook is null:
                    if (path.Trim().Length == 0) throw new NotebookException($"The notebook path is an empty string.\n{Usage}");
                    notebook = path;
                    break;
                default:
                    throw new NotebookException($"Unexpected argument '{args[i]}': give one notebook.\n{Usage}");
            }
        }
        var root = FindRoot() ?? Directory.GetCurrentDirectory();
        return new Options(
            Path.GetFullPath(notebook ?? Path.Combine(root, "ScalarDerivative.dib")),
            Path.GetFullPath(outDir ?? Path.Combine(root, "artifacts")),
            timeout, rerun, help, edit, watch, port);
    }

    private static string Value(string[] args, ref int i)
    {
        var option = args[i];
        if (++i >= args.Length) throw new NotebookException($"{option} needs a value.\n{Usage}");
        return args[i];
    }

    // "300", "300s", "800ms", "2.5m", "1h": a positive number with an optional unit (seconds when none).
    private static TimeSpan ParseTimeout(string text)
    {
        var match = TimeoutPattern().Match(text.Trim().ToLowerInvariant());
        var scale = match.Groups[2].Value switch
        {
            "ms" => 0.001,
            "" or "s" => 1,
            "m" or "min" => 60,
            "h" => 3600,
            _ => 0,
        };
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !(value * scale >= 0.001) || value * scale > TimeSpan.MaxValue.TotalSeconds / 2)
            throw new NotebookException($"--cell-timeout '{text}' is not a positive time: a number of seconds, or a number with ms, s, m or h (e.g. 300, 90s, 800ms, 5m).\n{Usage}");
        return TimeSpan.FromSeconds(value * scale);
    }

    /// <summary>A timeout as a person would write it: "800 ms", "5 s", "1.5 min".</summary>
    public static string Describe(TimeSpan timeout) =>
        timeout.TotalSeconds < 1 ? $"{timeout.TotalMilliseconds:0.#} ms"
        : timeout.TotalMinutes < 2 ? $"{timeout.TotalSeconds:0.#} s"
        : $"{timeout.TotalMinutes:0.#} min";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|min|m|h)?$")]
    private static partial Regex TimeoutPattern();

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
