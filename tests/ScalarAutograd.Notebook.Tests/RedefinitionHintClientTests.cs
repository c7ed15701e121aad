namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The re-run hint in clients nobody here wrote: dotnet-repl and Jupyter (nbconvert with the .NET kernel, the same
/// <c>dotnet interactive</c> host VS Code starts). A notebook can't re-run a cell by itself, so this one holds the
/// learner's sequence: the class cell, a helper, the class cell again (the re-run), then a cell that mixes them.
/// </summary>
[Collection("Notebooks")]
public class RedefinitionHintClientTests
{
    private const string Hint = "Re-run hint: `Val` was declared again when the cell starting \"class Val\" ran, which makes a new type; "
                                + "this cell still uses the old `Val` through `Lecture()` (from the cell starting \"Val Lecture() => new Val(2) * new Val(-3);\")";

    private static string LearnerSequence(TempDir dir)
    {
        const string classCell = """
            class Val
            {
                public Val(double data) => Data = data;
                public double Data { get; }
                public static Val operator *(Val a, Val b) => new(a.Data * b.Data);
            }
            """;
        var dll = Path.Combine(Repo.Root, "src", "ScalarAutograd.Notebook", "bin", "ScalarAutograd.Notebook.dll");
        var path = dir.File("sequence.dib");
        File.WriteAllText(path, Repo.DibMeta + $$$"""
            #!csharp

            #r "{{{dll}}}"
            ScalarAutograd.Notebook.NotebookFormatters.Register();

            #!csharp

            {{{classCell}}}

            #!csharp

            Val Lecture() => new Val(2) * new Val(-3);

            #!csharp

            {{{classCell}}}

            #!csharp

            (Lecture() * new Val(10)).Data
            """);
        return path;
    }

    [Fact]
    public void Dotnet_repl_shows_the_hint_in_the_cells_error()
    {
        using var dir = new TempDir();
        LearnerSequence(dir);
        var run = DotnetRepl.Run(dir.Path, "sequence.dib", dir.File("out.ipynb"));
        Assert.True(run.ExitCode == 2, run.ToString()); // dotnet-repl: a cell failed
        var error = Ipynb.Read(dir.File("out.ipynb")).ErrorOf(5);
        Assert.Contains("error CS0019", error);
        Assert.Contains(Hint, error);
    }

    [Fact]
    public void Jupyter_shows_the_hint_in_the_cells_error()
    {
        RealClients.Require();
        using var dir = new TempDir();
        File.WriteAllText(dir.File("sequence.ipynb"), RealClients.ToIpynb(LearnerSequence(dir)));
        var run = RealClients.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.timeout=300",
            "--output-dir", dir.Path, "--output", "executed", "sequence.ipynb"], dir.Path, TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, run.ToString());
        var executed = Ipynb.Read(dir.File("executed.ipynb"));
        Assert.Contains(Hint, executed.ErrorOf(5));
        Assert.Equal("", executed.ErrorOf(4)); // the class declared again is fine by itself
    }
}
