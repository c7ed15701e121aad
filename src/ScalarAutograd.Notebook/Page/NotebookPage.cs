using System.Net;
using System.Text.Json;

#if SCALAR_AUTOGRAD_RUNNER // compiled into the runner too (see its .csproj), in its namespace
namespace ScalarAutograd.Runner;
#else
namespace ScalarAutograd.Notebook;
#endif

/// <summary>
/// The HTML page that shows a notebook as a reader sees it — markdown, code, every output — drawn by one script
/// (notebook-page.js) from the cells embedded as JSON. The runner's <c>--watch</c> serves it live (the script then
/// follows the server's updates); <c>FileNotebook</c> writes it as a file.
/// </summary>
internal static class NotebookPage
{
    public static string Html(string title, IReadOnlyList<PageCell> cells, bool live)
    {
        // The default encoder escapes <, > and &, so no cell text can close the <script> element it sits in.
        var data = JsonSerializer.Serialize(new { Title = title, Live = live, Cells = cells });
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <style>{Resource("notebook-page.css")}</style></head>
            <body>
            <header id="sa-bar"><b>{WebUtility.HtmlEncode(title)}</b> <span id="sa-status"></span>{(live ? "<button id=\"sa-restart\" type=\"button\">Restart kernel</button>" : "")}</header>
            <main id="sa-cells"></main>
            <script id="sa-data" type="application/json">{data}</script>
            <script>{Resource("notebook-page.js")}</script>
            </body></html>
            """;
    }

    private static string Resource(string name)
    {
        using var stream = typeof(NotebookPage).Assembly.GetManifestResourceStream("ScalarAutograd.Page." + name)
                           ?? throw new InvalidOperationException($"The page resource {name} is missing from {typeof(NotebookPage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
