using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace ScalarAutograd.Runner;

/// <summary>Writes an executed notebook as <c>&lt;out&gt;/&lt;name&gt;.ipynb</c> and its graphs as <c>&lt;out&gt;/&lt;name&gt;/cell-NN-K.svg</c>.</summary>
internal static class NotebookExport
{
    public static (string Notebook, IReadOnlyList<string> Graphs) Write(InteractiveDocument document, string notebookPath, string outDir)
    {
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        Directory.CreateDirectory(outDir);
        var ipynb = Path.Combine(outDir, name + ".ipynb");
        for (var i = 0; i < document.Elements.Count; i++)
        {
            // nbformat 4.5 requires a unique id per cell; a .dib has none.
            if (string.IsNullOrEmpty(document.Elements[i].Id)) document.Elements[i].Id = $"cell-{i + 1:00}";
        }
        WriteWhole(ipynb, Encoding.UTF8.GetBytes(Notebook.ToJupyterJson(document)));

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

    // An output's pictures: an image/svg+xml value, or every <svg> in its text/html, inline or as an <img> data URI.
    internal static IEnumerable<string> Svgs(DisplayElement output)
    {
        if (output.Data.TryGetValue("image/svg+xml", out var svg) && svg is string s)
        {
            yield return s;
            yield break;
        }
        if (!output.Data.TryGetValue("text/html", out var html) || html is not string h) yield break;
        const string DataUri = "src=\"data:image/svg+xml;base64,";
        for (var at = h.IndexOf(DataUri, StringComparison.Ordinal); at >= 0; at = h.IndexOf(DataUri, at + 1, StringComparison.Ordinal))
        {
            var from = at + DataUri.Length;
            yield return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" +
                         Encoding.UTF8.GetString(Convert.FromBase64String(h[from..h.IndexOf('"', from)])) + "\n";
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
