using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace ScalarAutograd.Runner;

/// <summary>
/// Writes an executed notebook as <c>&lt;out&gt;/&lt;name&gt;.ipynb</c> (nbformat 4.5, the .NET C# kernel's
/// kernelspec, so Jupyter re-executes it) and its graphs as <c>&lt;out&gt;/&lt;name&gt;/cell-NN-K.svg</c>. Graphs
/// from an earlier run are removed first. Its metadata says how the run went (<c>scalarautograd_runner.status</c>):
/// "ok"; "failed" or "interrupted" (by a signal), written up to that cell (<c>failed_cell</c>); or "rerun-differs"
/// (<c>--rerun-check</c> found cells that re-run differently: <c>rerun_differences</c>).
/// </summary>
internal static class NotebookExport
{
    public static (string Notebook, IReadOnlyList<string> Graphs) Write(InteractiveDocument document, string notebookPath, string outDir, CellFailure? failure,
        IReadOnlyList<RerunDifference>? differences = null, IReadOnlyList<EditProblem>? editProblems = null)
    {
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        Directory.CreateDirectory(outDir);
        var ipynb = Path.Combine(outDir, name + ".ipynb");
        for (var i = 0; i < document.Elements.Count; i++)
        {
            // nbformat 4.5 requires a unique id per cell; a .dib has none.
            document.Elements[i].Id = $"cell-{i + 1:00}";
        }
        WriteWhole(ipynb, Encoding.UTF8.GetBytes(WithJupyterMetadata(Notebook.ToJupyterJson(document), failure, differences ?? [], editProblems ?? [])));

        var graphDir = Path.Combine(outDir, name);
        if (Directory.Exists(graphDir))
        {
            foreach (var old in Directory.GetFiles(graphDir, "cell-*.svg")) File.Delete(old); // no stale graphs from an earlier run
        }
        var graphs = new List<string>();
        for (var i = 0; i < document.Elements.Count; i++)
        {
            var k = 0;
            foreach (var svg in document.Elements[i].Outputs.OfType<DisplayElement>().SelectMany(Svgs))
            {
                Directory.CreateDirectory(graphDir);
                var file = Path.Combine(graphDir, $"cell-{i + 1:00}-{++k}.svg");
                WriteWhole(file, Encoding.UTF8.GetBytes(svg));
                graphs.Add(file);
            }
        }
        return (ipynb, graphs);
    }

    // The .NET Interactive C# kernel's own kernelspec and language_info (what `dotnet interactive jupyter install`
    // registers): without them Jupyter picks python3. The run's outcome goes beside them.
    private static string WithJupyterMetadata(string json, CellFailure? failure, IReadOnlyList<RerunDifference> differences, IReadOnlyList<EditProblem> editProblems)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var metadata = root["metadata"] as JsonObject ?? [];
        root["metadata"] = metadata;
        metadata["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        metadata["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["pygments_lexer"] = "csharp",
        };
        metadata["scalarautograd_runner"] = Status(failure, differences, editProblems);
        NumberExecutedCells(root["cells"] as JsonArray ?? [], failure?.Number ?? int.MaxValue);
        ErrorTraceback.AddMessages(root["cells"] as JsonArray ?? []);
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    private static JsonObject Status(CellFailure? failure, IReadOnlyList<RerunDifference> differences, IReadOnlyList<EditProblem> editProblems) =>
        (failure, differences.Count, editProblems.Count) switch
        {
            (not null, _, _) => new JsonObject { ["status"] = failure.Interrupted ? "interrupted" : "failed", ["failed_cell"] = failure.Number, ["error"] = failure.Error },
            (null, > 0, _) => new JsonObject { ["status"] = "rerun-differs", ["rerun_differences"] = Numbers(differences.Select(d => d.Number)) },
            (null, 0, > 0) => new JsonObject { ["status"] = "edit-check-failed", ["edit_check_cells"] = Numbers(editProblems.Select(p => p.Number)) },
            _ => new JsonObject { ["status"] = "ok" },
        };

    private static JsonArray Numbers(IEnumerable<int> cells) => new([.. cells.Distinct().Order().Select(n => JsonValue.Create(n))]);

    // Jupyter numbers the code cells it ran: In [1], In [2], … (an execute_result carries its cell's number too). Cells
    // after a failing one did not run and are unnumbered, as Jupyter leaves them, whatever number the input had.
    private static void NumberExecutedCells(JsonArray cells, int lastRun)
    {
        var count = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || (string?)cell["cell_type"] != "code") continue;
            if (i >= lastRun)
            {
                cell["execution_count"] = null;
                continue;
            }
            cell["execution_count"] = ++count;
            foreach (var output in cell["outputs"] as JsonArray ?? [])
            {
                if (output is JsonObject o && (string?)o["output_type"] == "execute_result") o["execution_count"] = count;
            }
        }
    }

    // An output's pictures: an image/svg+xml value, or every <svg> in its text/html, inline or as an <img> data URI.
    internal static IEnumerable<string> Svgs(DisplayElement output)
    {
        if (output.Data.TryGetValue("image/svg+xml", out var svg) && svg is string s)
        {
            yield return s;
            yield break;
        }
        if (!output.Data.TryGetValue("text/html", out var html) || html is not string h) yield break;
        // <img> pictures: base64 (the notebook formatters) or percent-encoded (the live graph's page).
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(h, "src=\"data:image/svg\\+xml(;charset=utf-8)?(;base64)?,([^\"]*)\""))
        {
            var body = m.Groups[2].Success ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value)) : Uri.UnescapeDataString(m.Groups[3].Value);
            yield return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + body + "\n";
        }
        for (var start = h.IndexOf("<svg", StringComparison.Ordinal); start >= 0; start = h.IndexOf("<svg", start + 1, StringComparison.Ordinal))
        {
            var end = h.IndexOf("</svg>", start, StringComparison.Ordinal);
            if (end < 0) yield break;
            yield return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + h[start..(end + "</svg>".Length)] + "\n";
            start = end;
        }
    }

    private static void WriteWhole(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
