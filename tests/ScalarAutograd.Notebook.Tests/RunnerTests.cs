namespace ScalarAutograd.Notebook.Tests;

/// <summary>The runner as a program: exit codes and messages for what goes wrong.</summary>
[Collection("Notebooks")]
public class RunnerTests
{
    [Fact]
    public void A_failing_cell_stops_the_run_with_its_number_first_line_and_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("broken.dib"), Repo.DibMeta + """
            #!markdown

            # A notebook that breaks

            #!csharp

            var x = 1 + 1;

            #!csharp

            // the third cell
            throw new InvalidOperationException("boom in cell three");

            #!csharp

            var never = "reached";
            """);
        var run = Repo.Runner(dir.Path, "broken.dib", "--out", dir.File("out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("[2/4] csharp ✓", run.Stdout);
        Assert.Contains("[3/4] csharp ✗", run.Stdout);
        Assert.DoesNotContain("[4/4]", run.Stdout);
        Assert.Contains("Cell 3 failed: // the third cell", run.Stderr);
        Assert.Contains("boom in cell three", run.Stderr);

        // The executed notebook is written up to the failing cell, and says it failed.
        var ipynb = Ipynb.Read(dir.File("out/broken.ipynb"));
        Assert.Equal("failed", ipynb.Status);
        Assert.Equal(3, ipynb.FailedCell);
        Assert.Contains("boom in cell three", ipynb.ErrorOf(3));
        Assert.Empty(ipynb.Outputs(4));
        Assert.Equal("", Ipynb.Validate(dir.File("out/broken.ipynb")));
    }

    [Fact]
    public void A_compile_error_is_reported_as_a_failing_cell()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("typo.dib"), Repo.DibMeta + "#!csharp\n\nvar y = undefinedThing + 1;\n");
        var run = Repo.Runner(dir.Path, "typo.dib", "--out", dir.File("out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cell 1 failed: var y = undefinedThing + 1;", run.Stderr);
        Assert.Contains("undefinedThing", run.Stderr);
    }

    [Fact]
    public void A_missing_notebook_is_a_clear_error()
    {
        using var dir = new TempDir();
        var run = Repo.Runner(dir.Path, "nope.dib");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Notebook not found:", run.Stderr);
        Assert.Contains("nope.dib", run.Stderr);
    }

    [Theory]
    [InlineData("notes.txt", "hello", "expected a .dib or .ipynb notebook")]
    [InlineData("plain.dib", "just some text, no cells", "is not a .dib notebook")]
    [InlineData("bad.ipynb", "{ this is not json", "is not a readable notebook")]
    public void A_malformed_notebook_is_a_clear_error(string name, string content, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(name), content);
        var run = Repo.Runner(dir.Path, name);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Theory]
    [InlineData("a.dib", "b.dib")]
    [InlineData("a.dib", "--out")]
    [InlineData("a.dib", "--frobnicate")]
    [InlineData("a.dib", "--cell-timeout", "soon")]
    [InlineData("a.dib", "--cell-timeout", "0")]
    [InlineData("a.dib", "--cell-timeout", "5sm")]
    [InlineData("a.dib", "--cell-timeout", "5mm")]
    [InlineData("a.dib", "--cell-timeout", "5x")]
    [InlineData("a.dib", "--cell-timeout", "0ms")]
    public void Bad_arguments_print_the_usage(params string[] args)
    {
        var run = Repo.Runner(Repo.Root, args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: ScalarAutograd.Runner", run.Stderr + run.Stdout);
    }

    [Fact]
    public void Help_exits_0_and_documents_every_option_exit_code_and_signal()
    {
        var run = Repo.Runner(Repo.Root, "--help");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var expected in new[] { "usage: ScalarAutograd.Runner", "--out", "--cell-timeout", "--rerun-check", "exit codes:", "\n  0 ", "\n  1 ", "\n  2 ",
                     "129, 130, 143", "SIGHUP", "SIGINT", "SIGTERM", "SIGKILL", "\"interrupted\"", "\"rerun-differs\"", "never over the notebook itself" })
            Assert.Contains(expected, run.Stdout);
    }

    [Fact]
    public void The_executed_ipynb_names_the_dotnet_csharp_kernel_and_validates_as_nbformat_4_5()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("kinds.dib"), Repo.DibMeta + """
            #!markdown

            # Every kind of output

            #!csharp

            Console.WriteLine("to stdout");
            Console.Error.WriteLine("to stderr");
            HTML("<b>html</b>").Display();
            42
            """);
        var run = Repo.Runner(dir.Path, "kinds.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var path = dir.File("out/kinds.ipynb");
        Assert.Equal("", Ipynb.Validate(path));
        var notebook = Ipynb.Read(path);
        Assert.Equal(4, notebook.Root.GetProperty("nbformat").GetInt32());
        Assert.Equal(5, notebook.Root.GetProperty("nbformat_minor").GetInt32());
        var metadata = notebook.Root.GetProperty("metadata");
        // What `dotnet interactive jupyter install` registers for C#: Jupyter starts this kernel for the notebook.
        Assert.Equal("""{"display_name":".NET (C#)","language":"C#","name":".net-csharp"}""", Compact(metadata.GetProperty("kernelspec")));
        Assert.Equal("""{"name":"C#","file_extension":".cs","mimetype":"text/x-csharp","pygments_lexer":"csharp"}""", Compact(metadata.GetProperty("language_info")));
        Assert.Equal("ok", notebook.Status);
        var ids = notebook.Root.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        // The code cell is numbered as Jupyter numbers the cells it ran (In [1]); markdown has no number.
        Assert.False(notebook.Cell(1).TryGetProperty("execution_count", out _));
        Assert.Equal(1, notebook.Cell(2).GetProperty("execution_count").GetInt32());
        var outputs = string.Join("\n", notebook.Outputs(2).Select(o => o.GetRawText()));
        foreach (var expected in new[] { "to stdout", "to stderr", "<b>html</b>", "42" }) Assert.Contains(expected, outputs);
    }

    private static string Compact(System.Text.Json.JsonElement e) =>
        System.Text.Json.JsonSerializer.Serialize(e, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void The_NuGet_route_registers_everything_through_the_kernel_extension()
    {
        using var dir = new TempDir();
        var pack = Repo.Run("dotnet", ["pack", Path.Combine(Repo.Root, "src", "ScalarAutograd.Notebook"), "-c", Repo.Configuration,
            "--no-build", "-o", dir.File("packages")], Repo.Root);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        File.WriteAllText(dir.File("viaNuGet.dib"), Repo.DibMeta + $$"""
            #!csharp

            #i "nuget: {{dir.File("packages")}}"
            #r "nuget: ScalarAutograd.Notebook, *-*"

            #!csharp

            var x = new Value(3.0, "x");
            var y = x * x; y.Label = "y";
            y.Backward();
            y
            """);
        var run = Repo.Runner(dir.Path, "viaNuGet.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var svg = Assert.Single(Directory.GetFiles(dir.File("out/viaNuGet"), "*.svg"));
        Assert.Contains("grad 6.0000", File.ReadAllText(svg));

        var repl = DotnetRepl.Run(dir.Path, "viaNuGet.dib", dir.File("repl.ipynb"));
        Assert.True(repl.ExitCode == 0, repl.ToString());
        Assert.Contains("grad 6.0000", Pictures.Decode(File.ReadAllText(dir.File("repl.ipynb"))));
    }

    [Fact]
    public void A_cell_timeout_in_milliseconds_means_milliseconds()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("slow.dib"), Repo.DibMeta + "#!csharp\n\n// sleeps\nSystem.Threading.Thread.Sleep(20_000);\n");
        var run = Repo.Runner(dir.Path, "slow.dib", "--out", dir.File("out"), "--cell-timeout", "800ms");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("did not finish within 800 ms (--cell-timeout)", run.Stderr);
    }

    [Fact]
    public void Cells_an_executed_ipynb_did_not_reach_this_time_lose_their_old_outputs_and_numbers()
    {
        using var dir = new TempDir();
        // An executed notebook from an earlier run: every cell has its output and In [n]. Now cell 3 throws.
        static string Cell(string source, int count, string output) => $$$"""
            {"cell_type": "code", "metadata": {}, "execution_count": {{{count}}}, "source": ["{{{source}}}"],
             "outputs": [{"output_type": "execute_result", "execution_count": {{{count}}}, "metadata": {}, "data": {"text/plain": ["{{{output}}}"]}}]}
            """;
        File.WriteAllText(dir.File("again.ipynb"), $$$"""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}},
             "cells": [
              {{{Cell("var x = 1; x", 1, "1")}}},
              {{{Cell("x + 1", 2, "2")}}},
              {{{Cell("throw new Exception(\\\"now broken\\\");", 3, "3")}}},
              {{{Cell("x + 3", 4, "OLD PICTURE")}}}
             ]}
            """);
        var run = Repo.Runner(dir.Path, "again.ipynb", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 1, run.ToString());
        var notebook = Ipynb.Read(dir.File("out/again.ipynb"));
        Assert.Equal(3, notebook.FailedCell);
        Assert.Contains("now broken", notebook.ErrorOf(3));
        Assert.DoesNotContain(notebook.Outputs(3), o => o.GetRawText().Contains("\"3\""));
        Assert.Empty(notebook.Outputs(4));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, notebook.Cell(4).GetProperty("execution_count").ValueKind);
        Assert.Equal(2, notebook.Cell(2).GetProperty("execution_count").GetInt32());
        Assert.Equal("", Ipynb.Validate(dir.File("out/again.ipynb")));
    }
}
