namespace ScalarAutograd.Notebook.Tests;

/// <summary>dotnet-repl, a real client of .dib files, runs every notebook from the notebook's folder.</summary>
internal static class DotnetRepl
{
    public static Result Run(string folder, string notebook, string outputIpynb)
    {
        var exe = GlobalTools.Find("dotnet-repl") ?? throw new InvalidOperationException(
            "dotnet-repl is not installed: dotnet tool install -g dotnet-repl --version 0.3.259 (tests/test.sh installs it).");
        return Repo.Run(exe, ["--run", notebook, "--exit-after-run", "--output-path", outputIpynb], folder);
    }
}

[Collection("Notebooks")]
public class DotnetReplTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Runs_cleanly_under_dotnet_repl(string notebook)
    {
        using var output = new TempDir();
        var path = Path.Combine(Repo.Root, notebook);
        var run = DotnetRepl.Run(Path.GetDirectoryName(path)!, Path.GetFileName(path), output.File("out.ipynb"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<svg", Pictures.Decode(File.ReadAllText(output.File("out.ipynb"))));
    }
}
