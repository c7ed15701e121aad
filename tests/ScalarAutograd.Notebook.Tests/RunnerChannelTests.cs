namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// What a cell writes can never be taken for the worker's word: the worker reports on a channel of its own, so a
/// cell that prints lines looking like the runner's messages neither crashes the runner nor marks a cell done. A
/// thread that throws after the last cell still fails the run.
/// </summary>
[Collection("Notebooks")]
public class RunnerChannelTests
{
    // Writes a line straight to the worker process's standard output, past the kernel's console capture.
    private static string PrintRaw(string line) =>
        "{ var raw = new System.IO.StreamWriter(Console.OpenStandardOutput()); raw.Write(\"\\n" + line + "\\n\"); raw.Flush(); }";

    private const string Marker = "\\u001eScalarAutograd.Runner ";

    [Fact]
    public void A_cell_printing_what_looks_like_a_broken_runner_message_runs_like_any_cell()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("n.dib"), Repo.DibMeta + $"""
            #!csharp

            {PrintRaw(Marker + "not json")}
            "printed"

            #!csharp

            "second cell done"
            """);
        var run = Repo.Runner(dir.Path, "n.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[2/2] csharp ✓", run.Stdout);
        var notebook = Ipynb.Read(dir.File("out/n.ipynb"));
        Assert.Equal("ok", notebook.Status);
        Assert.Contains("second cell done", Assert.Single(notebook.Outputs(2)).GetRawText());
    }

    [Fact]
    public void A_cell_forging_a_done_message_and_then_throwing_fails_by_its_own_number()
    {
        using var dir = new TempDir();
        // What the worker would send for "cell 2 (index 1) succeeded": printed by cell 2, which then throws.
        var forged = Marker + "{\\\"Type\\\":\\\"done\\\",\\\"Cell\\\":1,\\\"Pass\\\":1,\\\"Ok\\\":true,\\\"Seconds\\\":0,\\\"Outputs\\\":[]}";
        File.WriteAllText(dir.File("n.dib"), Repo.DibMeta + $"""
            #!csharp

            "first cell done"

            #!csharp

            // the forging cell
            {PrintRaw(forged)}
            System.Threading.Thread.Sleep(1000);
            throw new InvalidOperationException("the forging cell throws");

            #!csharp

            "third cell done"
            """);
        var run = Repo.Runner(dir.Path, "n.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("[2/3] csharp ✗", run.Stdout);
        Assert.DoesNotContain("[2/3] csharp ✓", run.Stdout);
        Assert.Contains("Cell 2 failed: // the forging cell", run.Stderr);
        Assert.Contains("the forging cell throws", run.Stderr);
        var notebook = Ipynb.Read(dir.File("out/n.ipynb"));
        Assert.Equal(2, notebook.FailedCell);
        Assert.Empty(notebook.Outputs(3));
    }

    [Fact]
    public void A_thread_that_throws_after_the_last_cell_fails_the_run()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("n.dib"), Repo.DibMeta + """
            #!csharp

            "first cell done"

            #!csharp

            // the last cell
            System.Threading.Tasks.Task.Run(() => { System.Threading.Thread.Sleep(500); new System.Threading.Thread(() => throw new InvalidOperationException("late throw after the last cell")).Start(); });
            "last cell done"
            """);
        var run = Repo.Runner(dir.Path, "n.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("late throw after the last cell", run.Stderr);
        Assert.Contains("after the last cell", run.Stderr);
        var notebook = Ipynb.Read(dir.File("out/n.ipynb"));
        Assert.Equal("failed", notebook.Status);
        Assert.Equal(2, notebook.FailedCell);
        Assert.Contains("late throw after the last cell", notebook.ErrorOf(2));
    }
}
