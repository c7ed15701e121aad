using System.Xml;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Notebook.Tests;

[CollectionDefinition("Notebooks", DisableParallelization = true)]
public class NotebooksCollection;

/// <summary>Every notebook in the repository runs headless through our runner with no failing cell.</summary>
[Collection("Notebooks")]
public class NotebookRunTests
{
    public static TheoryData<string> Notebooks => Repo.NotebookNames();

    private static (InteractiveDocument Document, string[] Graphs, Result Run) RunNotebook(string relativePath, TempDir output)
    {
        var path = Path.Combine(Repo.Root, relativePath);
        var run = Repo.Runner(Repo.Root, path, "--out", output.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var name = Path.GetFileNameWithoutExtension(path);
        using var stream = File.OpenRead(output.File(name + ".ipynb"));
        var document = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.Read(stream, new KernelInfoCollection { new("csharp"), new("markdown") });
        var graphDir = output.File(name);
        var graphs = Directory.Exists(graphDir) ? Directory.GetFiles(graphDir, "*.svg").Order().ToArray() : [];
        return (document, graphs, run);
    }

    // Outputs read back from .ipynb hold text as arrays of lines, and SVG text escapes '-' as &#45;.
    private static string Str(object? value) => System.Net.WebUtility.HtmlDecode(value switch
    {
        string s => s,
        System.Collections.IEnumerable lines => string.Concat(lines.Cast<object>()),
        _ => value?.ToString() ?? "",
    });

    // An output's HTML with each picture's SVG decoded in place of its data URI.
    private static IEnumerable<string> Html(InteractiveDocumentElement cell) =>
        cell.Outputs.OfType<DisplayElement>().Select(o => o.Data.TryGetValue("text/html", out var h) ? Str(Pictures.Decode(Str(h))) : "");

    // Pictures in an output's HTML: inline <svg> elements and <img> data URIs.
    private static int PictureCount(string html) =>
        System.Text.RegularExpressions.Regex.Count(html, "<svg") + System.Text.RegularExpressions.Regex.Count(html, "src=\"data:image/svg\\+xml");

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Runs_with_no_failing_cell_and_exports_its_graphs_as_valid_svg(string notebook)
    {
        using var output = new TempDir();
        var (document, graphs, run) = RunNotebook(notebook, output);
        var code = document.Elements.Where(e => e.KernelName == "csharp").ToList();
        Assert.NotEmpty(code);
        Assert.All(code, cell => Assert.Empty(cell.Outputs.OfType<ErrorElement>()));
        var inlineSvgs = document.Elements.SelectMany(e => e.Outputs.OfType<DisplayElement>())
            .Sum(o => o.Data.TryGetValue("text/html", out var h) ? PictureCount(Str(h)) : 0);
        Assert.True(inlineSvgs > 0, "every notebook shows at least one graph");
        Assert.Equal(inlineSvgs, graphs.Length);
        foreach (var svg in graphs)
        {
            using var reader = XmlReader.Create(svg, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            while (reader.Read()) { }
            Assert.Matches(@"cell-\d\d-\d+\.svg$", svg);
        }
        Assert.Equal(document.Elements.Count, run.Stdout.Split('\n').Count(l => l.StartsWith('[')));
        // nbformat 4.5, as Jupyter validates it: a unique id of [A-Za-z0-9-_]{1,64} on every cell.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(output.File(Path.GetFileNameWithoutExtension(notebook) + ".ipynb")));
        Assert.Equal(4, json.RootElement.GetProperty("nbformat").GetInt32());
        Assert.True(json.RootElement.GetProperty("nbformat_minor").GetInt32() >= 5);
        var ids = json.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(".net-csharp", json.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("", Ipynb.Validate(output.File(Path.GetFileNameWithoutExtension(notebook) + ".ipynb")));
        Assert.Matches(@"\[\d+/\d+\] csharp ✓ \d+\.\d\d s", run.Stdout);
        // What the prose claims about each output (**L = −8**, **a.grad = 6**) is what the output shows.
        var falseClaims = Claims.False([.. document.Elements]);
        Assert.True(falseClaims.Count == 0, string.Join("\n", falseClaims));
    }

    [Fact]
    public void A_claim_the_output_does_not_bear_out_is_reported_with_what_the_output_shows()
    {
        using var output = new TempDir();
        var (document, _, _) = RunNotebook("ScalarDerivative.dib", output);
        var bylecture = document.Elements.ToList();
        var cell = bylecture.FindIndex(e => e.KernelName == "markdown" && e.Contents.Contains("**a.grad = 6**"));
        Assert.Empty(Claims.False(bylecture));
        // The lecture's classic slip in prose: L's data named as its grad, and a rounded the wrong way.
        bylecture[cell] = new InteractiveDocumentElement(bylecture[cell].Contents.Replace("**a.grad = 6**", "**a.grad = 6.1**") + " **L.grad = −8** **b = -3.01**", "markdown");
        var problems = Claims.False(bylecture);
        Assert.Equal(3, problems.Count);
        Assert.Contains("**a.grad = 6.1**", problems[0]);
        Assert.Contains("the output shows 6", problems[0]);
        Assert.Contains("**L.grad = −8**", problems[1]);
        Assert.Contains("the output shows 1", problems[1]);
        Assert.Contains("**b = -3.01**", problems[2]);
    }

    [Fact]
    public void Training_reaches_100_percent_with_one_progress_line_updated_in_place_and_plots_as_svg()
    {
        using var output = new TempDir();
        var (document, graphs, _) = RunNotebook("notebooks/Training.dib", output);
        InteractiveDocumentElement Cell(string containing) =>
            Assert.Single(document.Elements, e => e.KernelName == "csharp" && e.Contents.Contains(containing));

        var progress = Assert.Single(Cell("progress.Update(").Outputs.OfType<DisplayElement>());
        var line = Str(progress.Data["text/plain"]);
        Assert.StartsWith("step 100/100", line);
        Assert.EndsWith("accuracy 100%", line.Trim());
        foreach (var plot in new[] { "scatter.GetSvgXml", "curve.GetSvgXml", "boundary.GetSvgXml" })
            Assert.Contains("<svg", Assert.Single(Html(Cell(plot))));
        var lossGraph = Assert.Single(Html(Cell("sampleLoss.Backward();")));
        Assert.Contains(">loss</text>", lossGraph);
        // Not the 711-value poster: the loss and the output neuron, the rest behind one box.
        Assert.InRange(System.Text.RegularExpressions.Regex.Count(lossGraph, ">data "), 30, 56);
        Assert.Matches(@">… \d+ more values</text>", lossGraph);
        Assert.Equal(5, graphs.Length);

        // Eager and replayed training: a table of times per step, then the losses side by side and their verdict.
        var timing = Assert.Single(Html(Cell("TrainReplayed(new MLP")));
        foreach (var row in new[] { "eager: a new graph every step", "replay: compiling the tape", "replay: training from the tape" }) Assert.Contains(row, timing);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(timing, @"\d\.\d\d ms")); // 2 totals and per step each, plus compiling
        Assert.Matches(@">\d+\.\d MB</td></tr>.*>0 B</td></tr>", timing); // eager allocates megabytes per step, replay nothing
        var agreement = Cell("largest == 0").Outputs.OfType<DisplayElement>().ToList();
        Assert.Equal(2, agreement.Count);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(Str(agreement[0].Data["text/html"]), "<tr")); // a header and 5 steps
        Assert.StartsWith("All 100 losses are identical", Str(agreement[1].Data["text/plain"]));
    }

    [Fact]
    public void BackpropStepByStep_exports_every_frame_as_a_numbered_svg()
    {
        using var output = new TempDir();
        var (document, graphs, _) = RunNotebook("notebooks/BackpropStepByStep.dib", output);
        var players = document.Elements.Select((e, i) => (e, i)).Where(p => p.e.Contents.Contains(".BackwardSteps()")).ToList();
        Assert.Equal(2, players.Count);
        foreach (var (cell, index) in players)
        {
            var frames = graphs.Count(g => Path.GetFileName(g).StartsWith($"cell-{index + 1:00}-"));
            Assert.Equal(Assert.Single(Html(cell)).Split("data-frame=\"").Length - 1, frames);
        }
        Assert.Equal(4, graphs.Count(g => Path.GetFileName(g).StartsWith($"cell-{players[0].i + 1:00}-")));  // step 0, then L's 3 operations
        Assert.Equal(6, graphs.Count(g => Path.GetFileName(g).StartsWith($"cell-{players[1].i + 1:00}-")));  // step 0, then the neuron's 5
    }

    [Fact]
    public void Gradients_shows_a_passing_check_the_derivatives_a_plot_and_both_anomalies()
    {
        using var output = new TempDir();
        var (document, graphs, _) = RunNotebook("notebooks/Gradients.dib", output);
        string Text(string containing) => string.Concat(Assert.Single(document.Elements, e => e.KernelName == "csharp" && e.Contents.Contains(containing))
            .Outputs.OfType<DisplayElement>().SelectMany(o => o.Data.Values).Select(Str));
        Assert.Contains("gradient check passed", Text("GradCheck.Run("));
        Assert.Contains("{ f = 20, df = 14, d2f = 6, d3f = 0 }", Text("var d2f = df.Derivative(x);"));
        Assert.Contains("<svg", Pictures.Decode(Text("curves.GetSvgXml")));
        Assert.StartsWith("Log of -1", Text("margin.Log()").Replace("<div class=\"dni-plaintext\"><pre>", ""));
        Assert.Contains("In backward, Pow (^0.5)", Text("zero.Pow(0.5)"));
        Assert.Equal(2, graphs.Length); // f′'s graph and the plot
    }
}
