using System.Net;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// A failed run's .ipynb shows its error where Jupyter and nbconvert look: the traceback lines, which start with the
/// message (a compiler error has no stack trace, and its cell used to show an empty pink box).
/// </summary>
[Collection("Notebooks")]
public class FailedIpynbTests
{

    [Theory]
    [InlineData("int n = \"text\";", "error CS0029: Cannot implicitly convert type 'string' to 'int'")]
    [InlineData("throw new InvalidOperationException(\"the learner broke it\");", "System.InvalidOperationException: the learner broke it")]
    public void Nbconvert_shows_the_failed_cells_message(string failingCell, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("broken.dib"), Repo.DibMeta + $"""
            #!csharp

            var x = 1;

            #!csharp

            {failingCell}
            """);
        var run = Repo.Runner(dir.Path, "broken.dib", "--out", dir.File("out"));
        Assert.True(run.ExitCode == 1, run.ToString());
        var ipynb = dir.File("out/broken.ipynb");
        Assert.Equal("", Ipynb.Validate(ipynb));

        var convert = Repo.Run("jupyter", ["nbconvert", "--to", "html", "--output-dir", dir.Path, "--output", "broken", ipynb], dir.Path);
        Assert.True(convert.ExitCode == 0, convert.ToString());
        var html = WebUtility.HtmlDecode(File.ReadAllText(dir.File("broken.html")));
        Assert.Contains(message, html);
        // The message once, not twice: stack lines the message holds are not repeated.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(message)));
    }
}
