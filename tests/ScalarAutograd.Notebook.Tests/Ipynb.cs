using System.Text.Json;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>An executed .ipynb as the runner wrote it, read as plain JSON (what Jupyter reads).</summary>
internal sealed class Ipynb(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public static Ipynb Read(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public string? Status => Runner().TryGetProperty("status", out var s) ? s.GetString() : null;

    public int? FailedCell => Runner().TryGetProperty("failed_cell", out var c) ? c.GetInt32() : null;

    public JsonElement Cell(int number) => Root.GetProperty("cells")[number - 1];

    public IReadOnlyList<JsonElement> Outputs(int number) =>
        Cell(number).TryGetProperty("outputs", out var outputs) ? [.. outputs.EnumerateArray()] : [];

    public string ErrorOf(int number) =>
        string.Join("\n", Outputs(number).Where(o => o.GetProperty("output_type").GetString() == "error").Select(o => o.GetProperty("evalue").GetString()));

    private JsonElement Runner() => Root.GetProperty("metadata").GetProperty("scalarautograd_runner");

    /// <summary>
    /// Validates the file as Jupyter does, with Debian's python3-nbformat (tests/test.sh installs it): returns ""
    /// when valid, else nbformat's message.
    /// </summary>
    public static string Validate(string path)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var run = Repo.Run(python, ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path], Repo.Root);
        return run.ExitCode == 0 ? "" : run.ToString();
    }
}
