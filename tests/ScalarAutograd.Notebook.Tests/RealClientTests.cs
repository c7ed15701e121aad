using System.Text.Json;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// Every notebook as a reader gets it: executed by Jupyter with the .NET kernel, opened as HTML in Chromium at 1000 and
/// 900 px, shown untrusted through JupyterLab's sanitizer, and opened in the classic Notebook app untrusted and trusted. Same collection as the runner's notebook tests, so at most one
/// kernel runs at a time on a 2-core machine.
/// </summary>
[Collection("Notebooks")]
public class RealClientTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    private static string Describe(IEnumerable<string> failures) => string.Join("\n", failures);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Runs_in_Jupyter_reads_well_in_Chromium_and_keeps_every_picture_when_untrusted(string notebook)
    {
        RealClients.Require();
        using var output = new TempDir();
        var dib = Path.Combine(Repo.Root, notebook);
        var folder = Path.GetDirectoryName(dib)!;
        var name = Path.GetFileNameWithoutExtension(dib);
        // Beside the notebook, so its relative #r paths resolve as they do for a reader.
        var ipynb = Path.Combine(folder, $".{name}.real-clients-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(ipynb, RealClients.ToIpynb(dib));
        Result run;
        try
        {
            run = RealClients.Execute(folder, ipynb, output.File(name + ".ipynb"));
        }
        finally
        {
            File.Delete(ipynb);
        }
        Assert.True(run.ExitCode == 0, "jupyter nbconvert --execute failed:\n" + run);

        // No output dumps an object's internals where a reader expects a value (Formatting's preferred-MIME cell did).
        var executed = File.ReadAllText(output.File(name + ".ipynb"));
        Assert.DoesNotContain("StringEqualityComparer", executed);
        Assert.DoesNotContain("<details class=\\\"dni-treeview\\\"", executed); // .NET Interactive's collapsed object view: results are tables

        var html = RealClients.ToHtml(output.File(name + ".ipynb"));
        // --claims: each value the markdown names (**L = −8**) must be drawn inside the visible part of its output, and
        // each live graph's output must stay in view with the slider just dragged.
        var executedPath = output.File(name + ".ipynb");
        var trusted = RealClients.Check("check-html.mjs", html, "--claims", executedPath);
        Assert.True(trusted.GetProperty("pictures").GetArrayLength() > 0, "every notebook shows at least one picture");
        Assert.True(RealClients.Failures(trusted).Count == 0, "In Chromium, 1000 px:\n" + Describe(RealClients.Failures(trusted)));

        // VS Code's output webview is often about 900 px wide.
        var narrow = RealClients.Check("check-html.mjs", html, "--width", "900", "--claims", executedPath);
        Assert.True(RealClients.Failures(narrow).Count == 0, "In Chromium, 900 px:\n" + Describe(RealClients.Failures(narrow)));

        var untrustedPage = output.File(name + "-untrusted.html");
        var untrusted = RealClients.Check("check-untrusted.mjs", output.File(name + ".ipynb"), "--html", untrustedPage);
        Assert.True(RealClients.Failures(untrusted).Count == 0, "Untrusted (JupyterLab's sanitizer):\n" + Describe(RealClients.Failures(untrusted)));
        Assert.Equal(untrusted.GetProperty("pictures").GetInt32(), untrusted.GetProperty("survived").GetInt32());
        // Each backprop player: its script ran, its frames share one layout, and the arrow keys stepped through them
        // (check-html.mjs reports a failure for any frame that moved or any key that did nothing).
        var players = trusted.GetProperty("players").EnumerateArray().ToList();
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(File.ReadAllText(dib), @"\.BackwardSteps\(\)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline), players.Count);
        Assert.All(players, p => Assert.True(p.GetProperty("scripts").GetBoolean() && p.GetProperty("frames").GetInt32() >= 2 && p.GetProperty("moved").GetInt32() == 0, p.ToString()));

        // Each before/after comparison: its script ran (check-html.mjs scrolls one picture and expects the other to follow).
        Assert.All(trusted.GetProperty("comparisons").EnumerateArray(), c => Assert.True(c.GetProperty("scripts").GetBoolean(), c.ToString()));

        var seen = RealClients.Check("check-html.mjs", untrustedPage, "--claims", executedPath);
        Assert.True(RealClients.Failures(seen).Count == 0, "Untrusted, in Chromium:\n" + Describe(RealClients.Failures(seen)));
        var seenNarrow = RealClients.Check("check-html.mjs", untrustedPage, "--width", "900", "--claims", executedPath);
        Assert.True(RealClients.Failures(seenNarrow).Count == 0, "Untrusted, in Chromium, 900 px:\n" + Describe(RealClients.Failures(seenNarrow)));

        // Each live graph started where scripts run, and the note that says scripts do not run is gone there.
        var lives = trusted.GetProperty("live").EnumerateArray().ToList();
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(File.ReadAllText(dib), @"\.Live\([^)]*\)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline), lives.Count);
        Assert.All(lives, l => Assert.True(l.GetProperty("started").GetBoolean(), l.ToString()));

        // The classic Notebook app (jupyter-notebook 6.4) serving this notebook, opened untrusted and trusted at 1000 and
        // 900 px: readable text, claims in view, live graphs and players started when trusted, no false "no scripts" note.
        var app = RealClients.Check("notebook-app.mjs", executedPath);
        Assert.True(RealClients.Failures(app).Count == 0, "In the Notebook app:\n" + Describe(RealClients.Failures(app)));
    }

    [Fact]
    public void The_runners_executed_notebook_validates_and_re_executes_in_Jupyter()
    {
        RealClients.Require();
        using var output = new TempDir();
        var dib = Path.Combine(Repo.Root, "notebooks", "Exporting.dib");
        var runner = Repo.Runner(Path.GetDirectoryName(dib)!, dib, "--out", output.Path);
        Assert.True(runner.ExitCode == 0, runner.ToString());
        var ipynb = output.File("Exporting.ipynb");
        var validate = RealClients.Run("/usr/bin/python3", ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", ipynb],
            output.Path, TimeSpan.FromMinutes(1));
        Assert.True(validate.ExitCode == 0 && validate.Stdout.Contains("valid"), "nbformat 4.5 validation:\n" + validate);
        // Jupyter re-runs it from the notebook's own folder, with the kernel its metadata names.
        var copy = Path.Combine(Path.GetDirectoryName(dib)!, $".Exporting.runner-{Guid.NewGuid():N}.ipynb");
        File.Copy(ipynb, copy);
        try
        {
            var run = RealClients.Execute(Path.GetDirectoryName(dib)!, copy, output.File("again.ipynb"));
            Assert.True(run.ExitCode == 0, "jupyter nbconvert --execute on the runner's .ipynb:\n" + run);
        }
        finally
        {
            File.Delete(copy);
        }
        using var again = JsonDocument.Parse(File.ReadAllText(output.File("again.ipynb")));
        Assert.Equal(".net-csharp", again.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.DoesNotContain(again.RootElement.GetProperty("cells").EnumerateArray(),
            c => c.TryGetProperty("outputs", out var outputs) && outputs.EnumerateArray().Any(o => o.GetProperty("output_type").GetString() == "error"));
    }
}
