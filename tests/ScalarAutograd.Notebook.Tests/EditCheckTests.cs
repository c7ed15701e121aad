namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// <c>--edit-check</c>: what a learner does after editing a cell that declares a type or method — re-run it, then
/// run one cell below — for every such cell and every cell below it. A cell must show what Run All showed, or fail
/// with the re-run hint.
/// </summary>
[Collection("Notebooks")]
public class EditCheckTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    /// <summary>
    /// Shipped notebooks are held to more than the flag's exit code: no cell may even need the hint, because each
    /// is written so that re-running a class cell and then any one cell below gives that cell's output (issue 20).
    /// </summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_survives_re_running_any_declaring_cell_then_any_one_cell_below(string notebook)
    {
        using var output = new TempDir();
        var run = Repo.Runner(Repo.Root, [Path.Combine(Repo.Root, notebook), "--out", output.Path, "--edit-check"], TimeSpan.FromMinutes(20));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Edit check passed", run.Stdout);
        Assert.True(!run.Stdout.Contains("failed with the re-run hint", StringComparison.Ordinal), "a cell needs the re-run hint after an edit:\n" + run);
    }

    [Fact]
    public void A_class_used_by_a_helper_in_an_earlier_cell_passes_when_the_error_carries_the_hint_naming_the_cells()
    {
        using var output = new TempDir();
        var run = Repo.Runner(Repo.Root, Repo.TestNotebook("RedefinedClass.dib"), "--out", output.Path, "--edit-check");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[edit 3] re-ran cell 3 (class Val), then each of the 3 code cells below on its own: 2 same, 1 failed with the re-run hint", run.Stdout);
        Assert.Contains("hint cell 5 ((Lecture() * new Val(10)).Data) fails with the hint: Re-run hint: `Val` was declared again when the cell starting \"class Val\" ran, which makes a new type; "
                        + "this cell still uses the old `Val` through `Lecture()` (from the cell starting \"Val Lecture() => new Val(2) * new Val(-3);\")", run.Stdout);
        Assert.Contains("[edit 4] re-ran cell 4 (Val Lecture() => new Val(2) * new Val(-3);), then each of the 2 code cells below on its own: 2 same", run.Stdout);
        Assert.Contains("Edit check passed", run.Stdout);
        Assert.Contains("(1 case(s))", run.Stdout);
    }

    [Fact]
    public void The_same_notebook_without_the_hint_fails_naming_the_edited_cell_and_the_cell_that_breaks()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(Repo.TestNotebook("RedefinedClass.dib"));
        Assert.Contains("ScalarAutograd.Notebook.NotebookFormatters.Register();", text);
        File.WriteAllText(dir.File("RedefinedClass.dib"), text.Replace("ScalarAutograd.Notebook.NotebookFormatters.Register();", "")
            .Replace("\"../../../src/", $"\"{Repo.Root}/src/"));
        var run = Repo.Runner(dir.Path, "RedefinedClass.dib", "--out", dir.File("out"), "--edit-check");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("After re-running cell 3 (class Val): cell 5 ((Lecture() * new Val(10)).Data) fails without the re-run hint ((1,2): error CS0019: Operator '*' cannot be applied to operands of type 'Val' and 'Val')", run.Stderr);
        Assert.Contains("Edit check failed: after an edit, cells 5 show", run.Stderr);
        Assert.DoesNotContain("cell 6", run.Stderr); // builds its own values
    }

    [Fact]
    public void A_cell_whose_output_changes_after_an_edit_is_reported_with_both_outputs()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("counter.dib"), Repo.DibMeta + """
            #!csharp

            var count = 0;

            #!csharp

            int Bump() => ++count;

            #!csharp

            $"bumped to {Bump()}"
            """);
        var run = Repo.Runner(dir.Path, "counter.dib", "--out", dir.File("out"), "--edit-check");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("After re-running cell 2 (int Bump() => ++count;): cell 3 ($\"bumped to {Bump()}\") shows something else", run.Stderr);
        Assert.Contains("Run All:    text/plain: bumped to 1", run.Stderr);
        Assert.Contains("after edit: text/plain: bumped to 2", run.Stderr);
    }

    [Fact]
    public void Help_describes_the_edit_check()
    {
        var run = Repo.Runner(Repo.Root, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--edit-check", run.Stdout);
        Assert.Contains("re-run that cell and then", run.Stdout);
    }
}
