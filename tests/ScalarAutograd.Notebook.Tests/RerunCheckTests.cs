namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// <c>--rerun-check</c>: after Run All, every code cell runs once more, last to first, in the same kernel, and the
/// runner reports each cell whose outputs a reader would see change.
/// </summary>
[Collection("Notebooks")]
public class RerunCheckTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_gives_the_same_outputs_when_any_cell_is_run_again(string notebook)
    {
        using var output = new TempDir();
        var run = Repo.Runner(Repo.Root, Path.Combine(Repo.Root, notebook), "--out", output.Path, "--rerun-check");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Re-run check passed", run.Stdout);
    }

    [Fact]
    public void A_notebook_whose_cells_change_when_run_again_fails_naming_exactly_those_cells()
    {
        using var output = new TempDir();
        var notebook = Repo.TestNotebook("NotRerunnable.dib");
        var run = Repo.Runner(Repo.Root, notebook, "--out", output.Path, "--rerun-check");
        Assert.True(run.ExitCode == 1, run.ToString());
        // Cell 3 calls L.Backward() again, so a.grad accumulates: 2·a = 4, then 8.
        Assert.Contains("Cell 3 re-runs differently: // not idempotent: Backward() accumulates", run.Stderr);
        Assert.Contains("first run:  text/plain: a.grad = 4", run.Stderr);
        Assert.Contains("second run: text/plain: a.grad = 8", run.Stderr);
        Assert.Contains("Cell 5 re-runs differently", run.Stderr);
        Assert.Contains("runs so far: 2", run.Stderr);
        Assert.Contains("cells 3, 5", run.Stderr);
        // Cell 4 (a fresh graph) and cell 6 (a timing, random ids and a GUID) re-run the same as a reader sees them.
        Assert.Contains("[re-run 4/6] csharp ✓ same outputs", run.Stdout);
        Assert.Contains("[re-run 6/6] csharp ✓ same outputs", run.Stdout);
        Assert.Contains("[re-run 2/6] csharp ✓ same outputs", run.Stdout);
        // The executed notebook holds the first run's outputs, and says the check failed, naming the cells.
        var executed = Ipynb.Read(Path.Combine(output.Path, "NotRerunnable.ipynb"));
        Assert.Contains("a.grad = 4", executed.Outputs(3).Single().GetRawText());
        Assert.Equal("rerun-differs", executed.Status);
        Assert.Equal([3, 5], executed.Root.GetProperty("metadata").GetProperty("scalarautograd_runner").GetProperty("rerun_differences").EnumerateArray().Select(n => n.GetInt32()));
    }

    [Fact]
    public void Without_the_flag_a_non_rerunnable_notebook_just_runs()
    {
        using var output = new TempDir();
        var notebook = Repo.TestNotebook("NotRerunnable.dib");
        var run = Repo.Runner(Repo.Root, notebook, "--out", output.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("re-run", run.Stdout);
    }
}
