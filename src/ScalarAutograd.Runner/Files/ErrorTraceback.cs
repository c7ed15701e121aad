using System.Text.Json.Nodes;

namespace ScalarAutograd.Runner;

/// <summary>
/// Jupyter and nbconvert show an error output by its <c>traceback</c> lines alone (not <c>ename</c>/<c>evalue</c>):
/// a compiler error has no stack trace, so its cell showed an empty pink box. Every error output's traceback starts
/// with its message, one line per line, as Python's end with theirs; stack lines the message already holds are not
/// repeated.
/// </summary>
internal static class ErrorTraceback
{
    public static void AddMessages(JsonArray cells)
    {
        foreach (var cell in cells.OfType<JsonObject>())
        {
            foreach (var output in (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)output["output_type"] != "error") continue;
                var name = (string?)output["ename"] ?? "Error";
                var message = ((string?)output["evalue"] ?? "").Replace("\r\n", "\n").TrimEnd('\n');
                var lines = message.Split('\n').ToList();
                if (lines.Count == 1 && lines[0].Length == 0) lines[0] = name;
                else if (!lines[0].Contains(name, StringComparison.Ordinal)) lines[0] = $"{name}: {lines[0]}";
                var stack = (output["traceback"] as JsonArray ?? []).Select(l => (string?)l ?? "").Where(l => !message.Contains(l.Trim(), StringComparison.Ordinal));
                output["traceback"] = new JsonArray([.. lines.Concat(stack).Select(l => (JsonNode)JsonValue.Create(l)!)]);
            }
        }
    }
}
