namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// Exit 2: anything wrong with the arguments, the notebook or the output folder is found before the first cell
/// runs. Every notebook here starts with a cell that leaves a file behind, so "nothing ran" is checked, not assumed.
/// </summary>
[Collection("Notebooks")]
public class RunnerInputTests
{
    // System.IO spelled out: the kernel does not import it, and a cell that fails to compile would prove nothing.
    private const string LeavesAFile = "System.IO.File.WriteAllText(\"cell-1-ran.txt\", \"yes\");";

    private static Result RunExpectingNothingRan(TempDir dir, params string[] args)
    {
        var run = Repo.Runner(dir.Path, args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("[1/", run.Stdout);
        Assert.False(File.Exists(dir.File("cell-1-ran.txt")), "a cell ran before the problem was reported");
        return run;
    }

    private static void WriteGoodNotebook(TempDir dir, string name = "good.dib") =>
        File.WriteAllText(dir.File(name), Repo.DibMeta + $"#!csharp\n\n{LeavesAFile}\n");

    [Fact]
    public void A_folder_given_as_the_notebook_is_named_as_a_folder()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("folder.dib"));
        Assert.Contains("is a folder, not a notebook", RunExpectingNothingRan(dir, "folder.dib").Stderr);
    }

    [Fact]
    public void An_unreadable_notebook_is_exit_2_with_the_reason()
    {
        using var dir = new TempDir();
        // Unreadable even for root: reading /proc/self/mem at offset 0 fails with an I/O error.
        File.CreateSymbolicLink(dir.File("unreadable.dib"), "/proc/self/mem");
        var run = RunExpectingNothingRan(dir, "unreadable.dib");
        Assert.Contains("Cannot read", run.Stderr);
        Assert.Contains("unreadable.dib", run.Stderr);
    }

    [Theory]
    [InlineData("{}", "no \"cells\" list")]
    [InlineData("""{"cells":5}""", "\"cells\" should be a list, found a number")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("""{"cells":[{"cell_type":"code","source":5}]}""", "cell 1's \"source\"")]
    [InlineData("""{"cells":[{"source":"x"}]}""", "cell 1 has no cell_type")]
    [InlineData("""{"cells":[{"cell_type":"raw","source":"x"}]}""", "cell 1 is a raw cell")]
    [InlineData("""{"nbformat":3,"cells":[]}""", "expected nbformat 4")]
    [InlineData("""{"cells":[]}""", "has no cells")]
    [InlineData("""{"metadata":{"kernelspec":{"language":"python","name":"python3"}},"cells":[{"cell_type":"code","source":"print(1)"}]}""", "kernelspec language is 'python'")]
    public void A_malformed_ipynb_is_exit_2_naming_what_is_wrong(string json, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.ipynb"), json);
        var run = RunExpectingNothingRan(dir, "bad.ipynb", "--out", dir.File("out"));
        Assert.Contains(message, run.Stderr);
        Assert.False(File.Exists(dir.File("out/bad.ipynb")));
    }

    [Fact]
    public void An_out_folder_that_is_a_file_is_exit_2_before_any_cell_runs()
    {
        using var dir = new TempDir();
        WriteGoodNotebook(dir);
        File.WriteAllText(dir.File("taken"), "a file");
        Assert.Contains("is a file; give a folder", RunExpectingNothingRan(dir, "good.dib", "--out", dir.File("taken")).Stderr);
        Assert.Equal("a file", File.ReadAllText(dir.File("taken")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_out_is_exit_2(string outDir)
    {
        using var dir = new TempDir();
        WriteGoodNotebook(dir);
        Assert.Contains("--out needs a folder", RunExpectingNothingRan(dir, "good.dib", "--out", outDir).Stderr);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_created_or_written_is_exit_2_before_any_cell_runs()
    {
        using var dir = new TempDir();
        WriteGoodNotebook(dir);
        // /proc refuses new files even to root; a read-only folder does the same for other users.
        Assert.Contains("Cannot write results to --out '/proc/sa-runner-out'", RunExpectingNothingRan(dir, "good.dib", "--out", "/proc/sa-runner-out").Stderr);
        Assert.Contains("Cannot write results to --out", RunExpectingNothingRan(dir, "good.dib", "--out", dir.File("good.dib/out")).Stderr);
    }

    [Fact]
    public void Non_CSharp_dib_cells_keep_their_numbers_and_are_refused_by_kernel_before_anything_runs()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("polyglot.dib"), Repo.DibMeta + $"""
            #!csharp

            {LeavesAFile}

            #!fsharp

            let y = 2

            #!markdown

            Some text.

            #!pwsh

            Get-Date

            #!javascript

            console.log(1)

            #!value

            #!value --name data
            1,2,3

            #!csharp

            var z = 3;
            """);
        var run = RunExpectingNothingRan(dir, "polyglot.dib");
        foreach (var expected in new[] { "cell 2: fsharp (let y = 2)", "cell 4: pwsh (Get-Date)", "cell 5: javascript (console.log(1))", "cell 6: value" })
            Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("cell 1:", run.Stderr);
        Assert.DoesNotContain("cell 3:", run.Stderr);
        Assert.DoesNotContain("cell 7:", run.Stderr);
    }

    [Fact]
    public void Non_CSharp_ipynb_cells_are_refused_by_number_and_kernel()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("polyglot.ipynb"), """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
             "cells": [
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["System.IO.File.WriteAllText(\"cell-1-ran.txt\", \"yes\");"]},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "fsharp"}}, "outputs": [], "source": ["let y = 2"]},
              {"cell_type": "markdown", "metadata": {}, "source": ["text"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["#!pwsh\n", "Get-Date"]}
             ]}
            """);
        var run = RunExpectingNothingRan(dir, "polyglot.ipynb");
        Assert.Contains("cell 2: fsharp", run.Stderr);
        Assert.Contains("cell 4: pwsh", run.Stderr);
    }

    [Fact]
    public void CSharp_and_markdown_cells_of_an_ipynb_each_keep_their_number_and_run()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain.ipynb"), """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}},
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
              {"cell_type": "code", "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": ["var x = 20;"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["#!csharp\n", "x + 1"]}
             ]}
            """);
        var run = Repo.Runner(dir.Path, "plain.ipynb", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[1/3] markdown", run.Stdout);
        Assert.Contains("[3/3] csharp ✓", run.Stdout);
        Assert.Contains("21", Ipynb.Read(dir.File("out/plain.ipynb")).Outputs(3).Single().GetRawText());
    }

    [Fact]
    public void Out_set_to_the_notebooks_own_folder_never_overwrites_the_ipynb_itself()
    {
        using var dir = new TempDir();
        var source = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}},
             "cells": [
              {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["![pic](attachment:p.png)"], "attachments": {"p.png": {"image/png": "iVBORw0KGgo="}}},
              {"cell_type": "code", "id": "mine", "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "execution_count": null, "outputs": [], "source": ["CODE"]}
             ]}
            """.Replace("CODE", LeavesAFile.Replace("\"", "\\\""));
        File.WriteAllText(dir.File("own.ipynb"), source);
        Directory.CreateDirectory(dir.File("sub"));
        File.CreateSymbolicLink(dir.File("sub/here"), dir.Path); // the same folder by another path
        foreach (var outDir in new[] { ".", dir.Path, dir.Path + "/", dir.File("sub/../."), dir.File("sub/here") })
        {
            var run = RunExpectingNothingRan(dir, "own.ipynb", "--out", outDir);
            Assert.Contains("would overwrite the notebook itself", run.Stderr);
            Assert.Equal(source, File.ReadAllText(dir.File("own.ipynb")));
        }
    }

    [Fact]
    public void A_graph_folder_that_cannot_be_written_is_exit_2_before_any_cell_runs()
    {
        using var dir = new TempDir();
        WriteGoodNotebook(dir);
        // <out>/good/ is where the graphs go. Root ignores permissions, so make it immutable as root, read-only otherwise.
        var graphs = Directory.CreateDirectory(dir.File("out/good")).FullName;
        File.WriteAllText(Path.Combine(graphs, "cell-01-1.svg"), "<svg/>");
        var root = Environment.UserName == "root";
        Assert.Equal(0, Repo.Run(root ? "chattr" : "chmod", [root ? "+i" : "555", graphs], Repo.Root).ExitCode);
        try
        {
            var run = RunExpectingNothingRan(dir, "good.dib", "--out", dir.File("out"));
            Assert.Contains($"Cannot write graphs into '{graphs}'", run.Stderr);
            Assert.False(File.Exists(dir.File("out/good.ipynb")));
        }
        finally
        {
            Repo.Run(root ? "chattr" : "chmod", [root ? "-i" : "755", graphs], Repo.Root);
        }
    }

    [Theory]
    [InlineData("C#")]
    [InlineData("c#")]
    [InlineData("csharp")]
    [InlineData("CSharp")]
    [InlineData(".net-csharp")]
    public void The_dotnet_kernels_names_and_languages_are_accepted_in_any_case(string name)
    {
        using var dir = new TempDir();
        // The kernelspec as Jupyter's .NET kernel writes it; one cell without metadata, one naming the kernel itself.
        File.WriteAllText(dir.File("jupyter.ipynb"), $$$"""
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"name": ".net-csharp", "language": "{{{name}}}", "display_name": ".NET (C#)"}, "language_info": {"name": "{{{name}}}"}},
             "cells": [
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": ["var x = 20;"]},
              {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "{{{name}}}"}, "polyglot_notebook": {"kernelName": "{{{name}}}"}}, "execution_count": null, "outputs": [], "source": ["x + 1"]}
             ]}
            """);
        var run = Repo.Runner(dir.Path, "jupyter.ipynb", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[2/2] csharp ✓", run.Stdout);
        Assert.Contains("21", Ipynb.Read(dir.File("out/jupyter.ipynb")).Outputs(2).Single().GetRawText());
    }

    [Fact]
    public void A_notebook_that_is_a_device_is_refused_at_once()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("endless.ipynb"), "/dev/zero");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = RunExpectingNothingRan(dir, "endless.ipynb", "--out", dir.File("out"));
        Assert.Contains("not a regular file", run.Stderr);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_notebook_that_is_a_fifo_is_refused_instead_of_waiting_forever()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Repo.Run("mkfifo", [dir.File("x.dib")], dir.Path).ExitCode);
        var run = Repo.Run("dotnet", [Repo.RunnerDll, "x.dib", "--out", dir.File("out")], dir.Path, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not a regular file", run.Stderr);
    }

    [Fact]
    public void A_notebook_over_the_size_cap_is_refused_before_it_is_read()
    {
        using var dir = new TempDir();
        using (var file = File.Create(dir.File("huge.dib")))
        {
            file.Write("#!csharp\n\n"u8);
            file.SetLength(65L * 1024 * 1024); // sparse: 65 MB of text that is nothing but NULs
        }
        var run = RunExpectingNothingRan(dir, "huge.dib", "--out", dir.File("out"));
        Assert.Contains("larger than", run.Stderr);
        Assert.Contains("64 MB", run.Stderr);
    }
}
