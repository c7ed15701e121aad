using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>
/// One line the worker process sends the runner on its own channel (see <see cref="WorkerChannel"/>): a cell started (<c>start</c>), a cell finished with its outputs
/// (<c>done</c>), the worker is about to die of an unhandled exception (<c>crash</c>), or every cell is done
/// (<c>end</c>). <see cref="Pass"/> is 1 for Run All and 2 for the re-run check.
/// </summary>
internal sealed record WorkerMessage(
    string Type, int Cell = -1, int Pass = 1, bool Ok = true, double Seconds = 0, string? Error = null,
    List<OutputRecord>? Outputs = null)
{
    /// <summary>One message as one line of JSON (JSON escapes every line break inside it).</summary>
    public string ToLine() => JsonSerializer.Serialize(this);

    /// <exception cref="JsonException">The line is not a message.</exception>
    public static WorkerMessage FromLine(string line) =>
        JsonSerializer.Deserialize<WorkerMessage>(line) ?? throw new JsonException("a message of null");

    public CellResult ToResult() =>
        new(Ok, TimeSpan.FromSeconds(Seconds), Error, Outputs?.Select(o => o.ToElement()).ToList() ?? []);

    public static WorkerMessage Done(int cell, int pass, CellResult result) =>
        new("done", cell, pass, result.Succeeded, result.Elapsed.TotalSeconds, result.Error, result.Outputs.Select(OutputRecord.From).ToList());
}

/// <summary>A cell output as it crosses the process boundary: display data, a stream's text, or an error.</summary>
internal sealed record OutputRecord(string Kind, Dictionary<string, string>? Data = null, string? Text = null, string? Name = null, string[]? Trace = null)
{
    public static OutputRecord From(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement d => new("display", Data: d.Data.ToDictionary(p => p.Key, p => p.Value as string ?? p.Value?.ToString() ?? "")),
        TextElement t => new("text", Text: t.Text, Name: t.Name),
        ErrorElement e => new("error", Text: e.ErrorValue, Name: e.ErrorName, Trace: e.StackTrace),
        _ => new("text", Text: output.ToString()),
    };

    public InteractiveDocumentOutputElement ToElement() => Kind switch
    {
        "display" => new DisplayElement((Data ?? []).ToDictionary(p => p.Key, p => (object)p.Value)),
        "error" => new ErrorElement(errorValue: Text ?? "", errorName: Name ?? "Error", stackTrace: Trace ?? []),
        _ => new TextElement(Text ?? "", Name ?? "stdout"),
    };
}
