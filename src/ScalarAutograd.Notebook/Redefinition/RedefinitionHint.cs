using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Kernel middleware that adds one line to a compiler error caused by C# scripting's rule (a cell that declares a
/// type again makes a new type; helpers, extension methods and variables from earlier cells keep the old one): which
/// type was declared again, in which cell, what in the failing cell still uses the old one, and what to re-run.
/// Installed by <see cref="NotebookFormatters.Register"/> (from a cell) and by the kernel extension, so it works in
/// every client: VS Code, Jupyter, dotnet-repl, the runner.
/// </summary>
public static class RedefinitionHint
{
    /// <summary>How the hint line starts.</summary>
    public const string Prefix = "Re-run hint: ";

    private static readonly ConditionalWeakTable<CSharpKernel, SubmissionHistory> Installed = [];

    /// <summary>
    /// Adds the hint to <paramref name="kernel"/>'s C# kernel (the kernel itself, or the first C# kernel of a
    /// composite); once per kernel, so calling it again does nothing. Kernels that are not C# are left alone.
    /// </summary>
    public static void Install(Kernel? kernel)
    {
        var csharp = kernel as CSharpKernel ?? (kernel as CompositeKernel)?.ChildKernels.OfType<CSharpKernel>().FirstOrDefault();
        if (csharp is null) return;
        var history = new SubmissionHistory();
        lock (Installed)
        {
            if (Installed.TryGetValue(csharp, out _)) return;
            Installed.Add(csharp, history);
        }
        csharp.AddMiddleware((command, context, next) => ObserveAsync(csharp, history, command, context, next));
    }

    // Register() runs inside a cell: the kernel running that cell gets the hint. NoInlining: a host without the C#
    // kernel's assembly fails here, where Register() can catch it, not in Register() itself.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void InstallForCurrentCell() => Install(KernelInvocationContext.Current?.HandlingKernel);

    private static async Task ObserveAsync(CSharpKernel kernel, SubmissionHistory history, KernelCommand command,
        KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (command is not SubmitCode submit)
        {
            await next(command, context);
            return;
        }
        var before = kernel.ScriptState;
        // The kernel publishes the diagnostics just before it fails the command: that is the moment to fail it first,
        // with the same message and the hint as one more line.
        using (context.KernelEvents.Subscribe(new Watcher(e =>
        {
            if (e is not DiagnosticsProduced produced || !ReferenceEquals(produced.Command, submit)) return;
            var errors = produced.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => (d.Code, d.Message)).ToList();
            if (errors.Count == 0 || history.Hint(submit.Code, errors) is not { } hint) return;
            var message = string.Join(Environment.NewLine, produced.FormattedDiagnostics.Select(v => v.Value).Append(hint));
            if (submit.Equals(context.Command)) context.Fail(submit, null, message);
            else KernelInvocationContextExtensions.Display(context, hint, "text/plain"); // part of a larger submission: the hint goes above its error
        })))
        {
            await next(command, context);
        }
        if (kernel.ScriptState is { } after && !ReferenceEquals(after, before)) history.Record(submit.Code, after.Script.GetCompilation());
    }

    private sealed class Watcher(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
