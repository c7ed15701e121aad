namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// Exit 1 names the cell, whatever the cell does to the process that runs it: the runner survives a cell that
/// exits, overflows its stack, throws on another thread or never ends, and writes the notebook up to that cell.
/// </summary>
[Collection("Notebooks")]
public class RunnerCrashTests
{
    private static (Result Run, Ipynb Notebook) RunWithSecondCell(TempDir dir, string secondCell, params string[] extra)
    {
        File.WriteAllText(dir.File("cells.dib"), Repo.DibMeta + $"""
            #!csharp

            var x = 1;
            "first cell done"

            #!csharp

            // the second cell
            {secondCell}

            #!csharp

            System.Threading.Thread.Sleep(1500);
            "third cell done"
            """);
        var run = Repo.Runner(dir.Path, ["cells.dib", "--out", dir.File("out"), .. extra]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("[1/3] csharp ✓", run.Stdout);
        var notebook = Ipynb.Read(dir.File("out/cells.ipynb"));
        Assert.Contains("first cell done", Assert.Single(notebook.Outputs(1)).GetRawText());
        Assert.Equal("failed", notebook.Status);
        Assert.Equal("", Ipynb.Validate(dir.File("out/cells.ipynb")));
        return (run, notebook);
    }

    [Theory]
    [InlineData("Environment.Exit(0);", "exit code 0")]
    [InlineData("Environment.Exit(3);", "exit code 3")]
    [InlineData("int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)", "Stack overflow")]
    [InlineData("new System.Threading.Thread(() => throw new InvalidOperationException(\"thrown on a thread\")).Start();\nSystem.Threading.Thread.Sleep(3000);", "thrown on a thread")]
    public void A_cell_that_ends_the_process_fails_by_number_and_the_runner_writes_the_notebook_up_to_it(string cell, string reason)
    {
        using var dir = new TempDir();
        var (run, notebook) = RunWithSecondCell(dir, cell);
        Assert.Contains("[2/3] csharp ✗", run.Stdout);
        Assert.DoesNotContain("[3/3]", run.Stdout);
        Assert.Contains("Cell 2 failed: // the second cell", run.Stderr);
        Assert.Contains("ended the runner's worker process", run.Stderr);
        Assert.Contains(reason, run.Stderr);
        Assert.Equal(2, notebook.FailedCell);
        Assert.Contains(reason, notebook.ErrorOf(2));
        Assert.Empty(notebook.Outputs(3));
    }

    [Fact]
    public void A_thread_that_throws_after_its_cell_finished_fails_the_cell_that_is_running()
    {
        using var dir = new TempDir();
        var (run, notebook) = RunWithSecondCell(dir,
            "System.Threading.Tasks.Task.Run(() => { System.Threading.Thread.Sleep(500); new System.Threading.Thread(() => throw new InvalidOperationException(\"late throw\")).Start(); });");
        Assert.Contains("[2/3] csharp ✓", run.Stdout);
        Assert.Contains("Cell 3 failed", run.Stderr);
        Assert.Contains("late throw", run.Stderr);
        Assert.Contains("an earlier cell started", run.Stderr);
        Assert.Equal(3, notebook.FailedCell);
        Assert.Equal(3, notebook.Cell(3).GetProperty("execution_count").GetInt32()); // the failing cell ran, as in Jupyter
    }

    [Fact]
    public void A_cell_longer_than_the_cell_timeout_is_stopped_and_named()
    {
        using var dir = new TempDir();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (run, notebook) = RunWithSecondCell(dir, "while (true) { }", "--cell-timeout", "5");
        Assert.Contains("Cell 2 failed: // the second cell", run.Stderr);
        Assert.Contains("did not finish within 5 s (--cell-timeout)", run.Stderr);
        Assert.Equal(2, notebook.FailedCell);
        // Well under the default 300 s, with room for a loaded machine (this run took 27-62 s on 2 busy cores).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(240), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_cell_that_reads_the_console_gets_end_of_input_instead_of_waiting_forever()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("reads.dib"), Repo.DibMeta + "#!csharp\n\n$\"read: {Console.ReadLine() ?? \"end of input\"}\"\n");
        var run = Repo.Runner(dir.Path, "reads.dib", "--out", dir.File("out"), "--cell-timeout", "60");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("read: end of input", Ipynb.Read(dir.File("out/reads.ipynb")).Outputs(1).Single().GetRawText());
    }

    [Fact]
    public void A_failed_run_removes_the_graphs_of_an_earlier_run()
    {
        using var dir = new TempDir();
        const string svgCell = "HTML(\"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>old</text></svg>\")";
        File.WriteAllText(dir.File("n.dib"), Repo.DibMeta + $"#!csharp\n\nvar ok = true;\n\n#!csharp\n\n{svgCell}\n");
        var first = Repo.Runner(dir.Path, "n.dib", "--out", dir.File("out"));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(dir.File("out/n/cell-02-1.svg")));
        Assert.Equal("ok", Ipynb.Read(dir.File("out/n.ipynb")).Status);

        File.WriteAllText(dir.File("n.dib"), Repo.DibMeta + $"#!csharp\n\nthrow new Exception(\"now broken\");\n\n#!csharp\n\n{svgCell}\n");
        var second = Repo.Runner(dir.Path, "n.dib", "--out", dir.File("out"));
        Assert.Equal(1, second.ExitCode);
        Assert.False(File.Exists(dir.File("out/n/cell-02-1.svg")), "a graph from the earlier run is left beside the failed run");
        var notebook = Ipynb.Read(dir.File("out/n.ipynb"));
        Assert.Equal(1, notebook.FailedCell);
        Assert.Empty(notebook.Outputs(2));
        Assert.Equal(1, notebook.Cell(1).GetProperty("execution_count").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, notebook.Cell(2).GetProperty("execution_count").ValueKind); // never ran
    }
}
