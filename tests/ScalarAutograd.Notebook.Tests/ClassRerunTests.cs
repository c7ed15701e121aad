using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// What a learner does after Run All: re-run a class cell (changed or not), then any one cell below it. C# scripting
/// makes a new type each time a class cell runs, so a later cell that still held the old type (an extension method,
/// a helper, a variable from a cell in between) would fail with CS1929 or CS1503. For every code cell that declares
/// a type and every later code cell, the notebook gets the pair "class cell, that cell" appended; the whole thing runs
/// once, and each appended cell must run and show what it showed in Run All.
/// </summary>
[Collection("Notebooks")]
public sealed partial class ClassRerunTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Re_running_a_class_cell_then_any_one_later_cell_gives_that_cells_outputs(string notebook) =>
        AssertRerunsCleanly(Path.Combine(Repo.Root, notebook));

    [Fact]
    public void The_exercise_notebook_with_its_answers_filled_in_survives_the_same()
    {
        using var folder = new TempDir();
        AssertRerunsCleanly(Exercises.Fill(folder.Path, "BuildItYourself.answers.txt"));
    }

    private static void AssertRerunsCleanly(string path)
    {
        var text = File.ReadAllText(path);
        var code = DibText.CodeCells(text);
        var pairs = new List<(int Class, int Later)>();
        for (var c = 0; c < code.Count; c++)
        {
            if (!DeclaresType().IsMatch(code[c])) continue;
            for (var k = c + 1; k < code.Count; k++) pairs.Add((c, k));
        }
        if (pairs.Count == 0) return; // no class cell: nothing a re-run could leave behind

        using var folder = new TempDir();
        var folderOfNotebook = Path.GetDirectoryName(path)!;
        // Absolute #r paths, so the copy runs from the temporary folder; then the pairs after everything else.
        var copy = DibText.AbsoluteReferences(text, folderOfNotebook)
                   + string.Concat(pairs.Select(p => $"\n#!csharp\n\n{code[p.Class]}\n\n#!csharp\n\n{code[p.Later]}\n"));
        var name = Path.GetFileNameWithoutExtension(path);
        var copyPath = folder.File(name + ".dib");
        File.WriteAllText(copyPath, copy);
        var run = Repo.Runner(Repo.Root, copyPath, "--out", folder.File("out"));
        Assert.True(run.ExitCode == 0, $"a class cell re-run, then one later cell, failed (pairs start after cell {code.Count} of code):\n{run}");

        using var stream = File.OpenRead(Path.Combine(folder.File("out"), name + ".ipynb"));
        var executed = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.Read(stream, new KernelInfoCollection { new("csharp"), new("markdown") })
            .Elements.Where(e => e.KernelName == "csharp").ToList();
        Assert.Equal(code.Count + 2 * pairs.Count, executed.Count);
        var differences = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (c, k) = pairs[i];
            var first = Visible(executed[k]);
            var again = Visible(executed[code.Count + 2 * i + 1]);
            if (first != again) differences.Add($"re-run of code cell {c + 1}, then code cell {k + 1} ({code[k].Split('\n')[0]}):\n  Run All: {Excerpt(first, again)}\n  now:     {Excerpt(again, first)}");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    // The code cells of a .dib, in order.
    // What a reader sees of a cell's outputs: pictures' text, no markup, scripts, styles, hover titles, ids or GUIDs.
    private static string Visible(InteractiveDocumentElement cell)
    {
        var text = ExecutedNotebook.CellText(cell, shownOnly: true);
        text = Hidden().Replace(text, " ");
        text = Regex.Replace(text, "<[^>]*>", " ");
        text = Regex.Replace(text, @"\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b", "⟨guid⟩");
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    private static string Excerpt(string text, string other)
    {
        var at = 0;
        while (at < text.Length && at < other.Length && text[at] == other[at]) at++;
        var start = Math.Max(0, at - 60);
        return text[start..Math.Min(text.Length, at + 100)];
    }

    [GeneratedRegex(@"^\s*(public |internal |sealed |abstract |static )*(class|record|struct|interface|enum)\s+\w+", RegexOptions.Multiline)]
    private static partial Regex DeclaresType();

    [GeneratedRegex(@"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<title\b.*?</title\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();
}
