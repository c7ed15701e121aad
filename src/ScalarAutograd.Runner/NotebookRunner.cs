using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace ScalarAutograd.Runner;

/// <summary>One cell's outcome, as the progress line shows it.</summary>
internal sealed record CellReport(int Number, int Total, string Kernel, bool Ran, bool Succeeded, TimeSpan Elapsed, string FirstLine, string? Error)
{
    public override string ToString() =>
        !Ran ? $"[{Number}/{Total}] {Kernel}"
             : $"[{Number}/{Total}] {Kernel} {(Succeeded ? "✓" : "✗")} {Elapsed.TotalSeconds:0.00} s";
}

/// <summary>
/// Executes a notebook's C# cells in order in an in-process kernel, filling in each cell's outputs. Stops at the
/// first failing cell. Relative paths in cells (<c>#r "../src/…"</c>) resolve against the notebook's own folder,
/// as in VS Code.
/// </summary>
internal static class NotebookRunner
{
    public static async Task<(InteractiveDocument Document, CellReport? Failure)> RunAsync(
        string path, Action<CellReport> progress)
    {
        var document = NotebookFile.Load(path);
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var kernel = CreateKernel();
            var cells = document.Elements;
            for (var i = 0; i < cells.Count; i++)
            {
                var report = await RunCellAsync(kernel, cells[i], i + 1, cells.Count);
                progress(report);
                if (report.Ran && !report.Succeeded) return (document, report);
            }
            return (document, null);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.UseNugetDirective((k, packages) =>
        {
            k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            return Task.CompletedTask;
        });
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = "csharp";
        return composite;
    }

    private static async Task<CellReport> RunCellAsync(Kernel kernel, InteractiveDocumentElement cell, int number, int total)
    {
        var firstLine = cell.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (cell.KernelName is not ("csharp" or "c#" or "cs"))
            return new CellReport(number, total, cell.KernelName ?? "markdown", false, true, TimeSpan.Zero, firstLine, null);

        cell.Outputs.Clear();
        var watch = Stopwatch.StartNew();
        var result = await kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"));
        watch.Stop();
        string? error = null;
        var displays = new Dictionary<string, int>(); // display id → output index, for in-place updates
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated when updated.ValueId is { } id && displays.TryGetValue(id, out var index):
                    cell.Outputs[index] = Display(updated);
                    break;
                case StandardOutputValueProduced stdout:
                    cell.Outputs.Add(new TextElement(Text(stdout), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    cell.Outputs.Add(new TextElement(Text(stderr), "stderr"));
                    break;
                case ErrorProduced produced:
                    cell.Outputs.Add(new ErrorElement(produced.Message, "Error", []));
                    break;
                case DisplayEvent display:
                    if (display.ValueId is { } valueId) displays[valueId] = cell.Outputs.Count;
                    cell.Outputs.Add(Display(display));
                    break;
                case CommandFailed failed:
                    error = failed.Message;
                    cell.Outputs.Add(new ErrorElement(failed.Message, failed.Exception?.GetType().Name ?? "Error",
                        failed.Exception?.StackTrace?.Split('\n') ?? []));
                    break;
            }
        }
        if (error is null) await ExtensionLoader.LoadAsync(kernel, result.Events);
        return new CellReport(number, total, "csharp", true, error is null, watch.Elapsed, firstLine, error);
    }

    private static DisplayElement Display(DisplayEvent e) =>
        new(e.FormattedValues.Where(v => !v.SuppressDisplay).ToDictionary(v => v.MimeType, v => (object)v.Value));

    private static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault()?.Value ?? "";
}
