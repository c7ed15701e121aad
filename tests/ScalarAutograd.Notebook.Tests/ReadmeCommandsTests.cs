using System.Net;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The front door tells the truth: every command in README.md's <c>bash</c> blocks runs, as written, on a copy of the
/// repository (so it builds from nothing, as on a fresh machine), and its first cell runs in a notebook.
/// </summary>
[Collection("Notebooks")]
public partial class ReadmeCommandsTests
{
    /// <summary>Commands this test does not run, each with the reason and the test that covers it instead.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["bash tests/test.sh"] = "it is this test suite",
        ["bash src/run.sh --watch ScalarDerivative.dib"] = "it serves until Ctrl-C; WatchTests start it, drive the page and stop it",
    };

    private static string Readme => File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    /// <summary>Each line of each <c>```bash</c> block, without its trailing comment.</summary>
    internal static List<string> Commands(string markdown) =>
        Fenced(markdown, "bash").SelectMany(block => block.Split('\n'))
            .Select(line => CommentPattern().Replace(line, "").Trim())
            .Where(line => line.Length > 0).ToList();

    internal static List<string> Fenced(string markdown, string language) =>
        FencePattern().Matches(markdown).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value).ToList();

    [Fact]
    public void Commands_are_read_from_bash_blocks_without_their_comments()
    {
        var markdown = "text\n```bash\nbash a.sh   # does a\n\ndotnet b --x '#' # b\n```\n   ```bash\n   echo c\n   ```\n```csharp\nvar x = 1;\n```\n";
        Assert.Equal(["bash a.sh", "dotnet b --x '#'", "echo c"], Commands(markdown));
        Assert.Equal(["var x = 1;\n"], Fenced(markdown, "csharp"));
    }

    [Fact]
    public void Every_command_is_run_here_or_says_why_not()
    {
        var commands = Commands(Readme);
        Assert.Contains("bash src/run.sh", commands);
        Assert.Contains("bash tests/test.sh", commands);
        // A skip that no longer matches a command would hide a new, untested one.
        Assert.All(NotRun.Keys, skipped => Assert.Contains(skipped, commands));
    }

    [Fact]
    public void The_readme_commands_and_first_cell_work_on_a_fresh_copy()
    {
        using var copy = new TempDir();
        CopyRepository(copy.Path);
        using var scratch = new TempDir();
        foreach (var command in Commands(Readme).Where(c => !NotRun.ContainsKey(c)))
        {
            // Paths under /tmp/ go to this test's own folder, so runs never collide.
            var run = Repo.Run("bash", ["-c", command.Replace("/tmp/", scratch.Path + "/")], copy.Path, TimeSpan.FromMinutes(15));
            Assert.True(run.ExitCode == 0, $"README command `{command}` failed:\n{run}");
        }

        // What the main job's comment promises.
        Assert.True(File.Exists(Path.Combine(copy.Path, "artifacts", "ScalarDerivative.ipynb")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(copy.Path, "artifacts", "ScalarDerivative"), "cell-*.svg"));
        // What the C# file's comment promises: a page of its outputs beside it, with the lecture's L.
        Assert.Contains("data -8.0000", WebUtility.HtmlDecode(Pictures.Decode(File.ReadAllText(Path.Combine(copy.Path, "notebooks", "Lecture.html")))));

        // The first cell, pasted into a notebook in notebooks/ (its #r path is relative to the notebook's folder).
        var cell = Assert.Single(Fenced(Readme, "csharp"));
        File.WriteAllText(Path.Combine(copy.Path, "notebooks", "FirstCell.dib"),
            "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"languageName\":\"csharp\",\"name\":\"csharp\"}]}}\n\n#!csharp\n\n" + cell);
        var runner = Path.Combine(copy.Path, "src", "ScalarAutograd.Runner", "bin", "Release", "net10.0", "ScalarAutograd.Runner.dll");
        var first = Repo.Run("dotnet", [runner, "FirstCell.dib", "--out", scratch.File("first")], Path.Combine(copy.Path, "notebooks"));
        Assert.True(first.ExitCode == 0, first.ToString());
        var svg = WebUtility.HtmlDecode(File.ReadAllText(Assert.Single(Directory.GetFiles(scratch.File("first/FirstCell"), "*.svg"))));
        // The numbers its comments promise, drawn: L = −8 and the leaves' grads.
        foreach (var shown in new[] { "data -8.0000", "grad 6.0000", "grad -4.0000", "grad -2.0000", "grad 4.0000" })
            Assert.Contains(shown, svg);
    }

    /// <summary>Every file git would commit (tracked and new, not ignored): what a fresh clone of this work has.</summary>
    private static void CopyRepository(string destination)
    {
        var files = Repo.Run("git", ["ls-files", "-co", "--exclude-standard"], Repo.Root);
        Assert.Equal(0, files.ExitCode);
        foreach (var relative in files.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(Repo.Root, relative);
            if (!File.Exists(source)) continue; // deleted but not yet staged
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    [GeneratedRegex(@"^[ \t]*```(\w+)[ \t]*\n(.*?)^[ \t]*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    // A shell comment: whitespace, then # to the end of the line (a quoted '#' has no space before it here).
    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex CommentPattern();
}
