using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>
/// One line the worker process sends the runner: a cell started (<c>start</c>), a cell finished with its outputs
/// (<c>done</c>), the worker is about to die of an unhandled exception (<c>crash</c>), or every cell is done
/// (<c>end</c>). <see cref="Pass"/> is 1 for Run All and 2 for the re-run check.
/// </summary>
internal sealed record WorkerMessage(
    string Type, int Cell = -1, int Pass = 1, bool Ok = true, double Seconds = 0, string? Error = null,
    List<OutputRecord>? Outputs = null)
{
    // Lines on the worker's stdout that start with this are messages; anything else (a cell's background thread
    // printing to the console) is passed through.
    public const string Marker = "\u001eScalarAutograd.Runner ";

    public string ToLine() => Marker + JsonSerializer.Serialize(this);

    public static WorkerMessage? FromLine(string line) =>
        line.StartsWith(Marker, StringComparison.Ordinal) ? JsonSerializer.Deserialize<WorkerMessage>(line.AsSpan(Marker.Length)) : null;

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

/// <summary>The worker's side of the channel: its real stdout, which the kernel's console capture does not touch.</summary>
internal sealed class WorkerChannel : IDisposable
{
    private readonly StreamWriter _writer = new(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };

    public void Send(WorkerMessage message)
    {
        lock (_writer) _writer.Write("\n" + message.ToLine() + "\n"); // a leading newline: never glued to stray output
    }

    public void Dispose() => _writer.Dispose();
}
