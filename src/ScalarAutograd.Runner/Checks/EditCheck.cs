using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Runner;

/// <summary>One learner action of the edit check: re-run cell <see cref="Edited"/>, then run cell <see cref="Cell"/>.</summary>
internal sealed record EditStep(int Edited, int Cell);

/// <summary>A cell that, after an edit, shows something other than Run All showed, or fails without the hint.</summary>
internal sealed record EditProblem(int Edited, string EditedLine, int Number, string FirstLine, string What)
{
    public override string ToString() => $"After re-running cell {Edited} ({EditedLine}): cell {Number} ({FirstLine}) {What}";
}

/// <summary>
/// <c>--edit-check</c>, what a learner does after editing a cell: for every code cell that declares a type or a
/// method (a class, a record, a helper, an extension method), and for each code cell below it, re-run that cell and
/// then the one cell below, in the same kernel (so every later cell is tried on its own after the edit). A cell
/// passes when a reader sees the same outputs as after Run All (compared as <see cref="RerunCheck"/> does), or when
/// it fails with the kernel's re-run hint, which tells the learner what to re-run. It fails when its outputs differ
/// or it fails without the hint.
/// </summary>
internal static class EditCheck
{
    // RedefinitionHint.Prefix in ScalarAutograd.Notebook, which the runner does not load (the notebook's #r does).
    public const string HintPrefix = "Re-run hint: ";

    /// <summary>The worker's pass number for the edit check's runs (1 is Run All, 2 the re-run check).</summary>
    public const int Pass = 3;

    /// <summary>Every (edited cell, cell below) pair, in order: element indices.</summary>
    public static List<EditStep> Plan(InteractiveDocument document)
    {
        var code = Enumerable.Range(0, document.Elements.Count).Where(i => NotebookFile.IsCode(document.Elements[i])).ToList();
        return [.. code.Where(i => Declares(document.Elements[i].Contents)).SelectMany(i => code.Where(j => j > i).Select(j => new EditStep(i, j)))];
    }

    /// <summary>Whether a cell declares a type or a method (what a learner edits and re-runs).</summary>
    public static bool Declares(string code) =>
        CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)).GetCompilationUnitRoot().Members
            .Any(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or MethodDeclarationSyntax
                      || m is GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax });

    /// <summary>
    /// How a cell's run after the edit went: null when it shows what Run All showed; else what happened, and whether
    /// that is the re-run hint (fine: the learner is told what to re-run) rather than a problem.
    /// </summary>
    public static (EditProblem? Outcome, bool Hinted) Judge(InteractiveDocument document, EditStep step, int cell, CellResult run)
    {
        var element = document.Elements[cell];
        EditProblem Outcome(string what) => new(step.Edited + 1, NotebookFile.FirstLine(document.Elements[step.Edited]), cell + 1, NotebookFile.FirstLine(element), what);
        if (!run.Succeeded)
        {
            var hint = run.Outputs.Select(RerunCheck.Visible).SelectMany(v => v.Split('\n')).FirstOrDefault(l => l.Contains(HintPrefix, StringComparison.Ordinal));
            if (hint is not null) return (Outcome("fails with the hint: " + hint[hint.IndexOf(HintPrefix, StringComparison.Ordinal)..]), true);
            return (Outcome($"fails without the re-run hint ({(run.Error ?? "failed").Split('\n')[0].Trim()})"), false);
        }
        var difference = RerunCheck.Compare(cell + 1, NotebookFile.FirstLine(element), element.Outputs, run.Outputs);
        return difference is null ? (null, false) : (Outcome($"shows something else\n  Run All:    {difference.First}\n  after edit: {difference.Second}"), false);
    }

    /// <summary>
    /// The runner's side: follows the worker through <see cref="Plan"/>, printing one line per edited cell, and
    /// returns the problems, or the failure that stopped the check (a cell that timed out or ended the worker).
    /// </summary>
    public static async Task<EditCheckOutcome> RunAsync(InteractiveDocument document, WorkerProcess worker, TimeSpan timeout, Action<string> progress,
        Signals? signals = null)
    {
        var problems = new List<EditProblem>();
        var hinted = new List<EditProblem>();
        foreach (var edited in Plan(document).GroupBy(s => s.Edited))
        {
            int same = 0, hints = 0, wrong = 0;
            var notes = new List<string>();
            foreach (var step in edited)
            {
                foreach (var cell in new[] { step.Edited, step.Cell })
                {
                    var (result, ended) = await NotebookRunner.AwaitCellAsync(worker, cell, Pass, timeout, signals);
                    if (result is null)
                        return new(problems, hinted, new CellFailure(cell + 1, NotebookFile.FirstLine(document.Elements[cell]), $"in the edit check, after re-running cell {step.Edited + 1}: {ended!.Why}", ended.Interrupted));
                    var (outcome, hint) = Judge(document, step, cell, result);
                    if (outcome is not null && !problems.Concat(hinted).Any(p => p.Edited == outcome.Edited && p.Number == outcome.Number))
                    {
                        (hint ? hinted : problems).Add(outcome);
                        notes.Add($"  {(hint ? "hint" : "✗")} cell {outcome.Number} ({outcome.FirstLine}) {outcome.What}");
                    }
                    if (cell == step.Edited) continue; // the edited cell itself: judged, not counted
                    if (outcome is null) same++;
                    else if (hint) hints++;
                    else wrong++;
                }
            }
            var first = edited.Key;
            progress($"[edit {first + 1}] re-ran cell {first + 1} ({NotebookFile.FirstLine(document.Elements[first])}), then each of the {edited.Count()} code cells below on its own: "
                     + $"{same} same{(hints > 0 ? $", {hints} failed with the re-run hint" : "")}{(wrong > 0 ? $", {wrong} ✗" : "")}");
            foreach (var note in notes) progress(note);
        }
        return new(problems, hinted, null);
    }
}

/// <summary>What the edit check found: problems (exit 1), cells that failed with the re-run hint (fine), or the failure that stopped it.</summary>
internal sealed record EditCheckOutcome(List<EditProblem> Problems, List<EditProblem> Hinted, CellFailure? Stopped);
