using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace ScalarAutograd.Runner;

/// <summary>What one run of one cell produced.</summary>
internal sealed record CellResult(bool Succeeded, TimeSpan Elapsed, string? Error, List<InteractiveDocumentOutputElement> Outputs);

/// <summary>Runs C# cells in an in-process .NET Interactive kernel (inside the worker process) and collects their outputs.</summary>
internal static class CellExecutor
{
    public static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.UseNugetDirective((k, packages) =>
        {
            k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            return Task.CompletedTask;
        });
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = NotebookFile.CSharp;
        return composite;
    }

    public static async Task<CellResult> RunAsync(Kernel kernel, string code)
    {
        var outputs = new List<InteractiveDocumentOutputElement>();
        var watch = Stopwatch.StartNew();
        var result = await kernel.SendAsync(new SubmitCode(code, NotebookFile.CSharp));
        watch.Stop();
        string? error = null;
        var displays = new Dictionary<string, int>(); // display id → output index, for in-place updates
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated when updated.ValueId is { } id && displays.TryGetValue(id, out var index):
                    outputs[index] = Display(updated);
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.Add(new TextElement(Text(stdout), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Add(new TextElement(Text(stderr), "stderr"));
                    break;
                case ErrorProduced produced:
                    outputs.Add(new ErrorElement(errorValue: produced.Message, errorName: "Error", stackTrace: []));
                    break;
                case DisplayEvent display:
                    if (display.ValueId is { } valueId) displays[valueId] = outputs.Count;
                    outputs.Add(Display(display));
                    break;
                case CommandFailed failed:
                    error = failed.Message;
                    outputs.Add(new ErrorElement(errorValue: failed.Message, errorName: failed.Exception?.GetType().Name ?? "Error",
                        stackTrace: failed.Exception?.StackTrace?.Split('\n') ?? []));
                    break;
            }
        }
        if (error is null) await ExtensionLoader.LoadAsync(kernel, result.Events);
        return new CellResult(error is null, watch.Elapsed, error, outputs);
    }

    private static DisplayElement Display(DisplayEvent e) =>
        new(e.FormattedValues.Where(v => !v.SuppressDisplay).ToDictionary(v => v.MimeType, v => (object)v.Value));

    private static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault()?.Value ?? "";
}
