using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// What a learner waits for after the kernel starts, before the first graph: README.md's first cell split in two —
/// (ii) its <c>#r</c>/<c>using</c>/<c>NotebookFormatters.Register()</c> lines, (iii) its lecture lines (build L,
/// <c>Backward()</c>, show L: the SVG, checked) — in a fresh runner and a fresh <c>dotnet interactive stdio</c> kernel,
/// interleaved per round. In another fresh stdio kernel a first cell of <c>1+1</c> measures the kernel's own warm-up
/// (Roslyn's first compile) that any first cell pays: "our part" is (ii) + (iii) minus it. The runner warms Roslyn
/// before its first cell (Worker.cs), so its cells are already "our part"; its whole process time is given beside.
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- first-graph [rounds]
/// </summary>
internal static partial class FirstGraph
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(2);

    public static int Run(int rounds)
    {
        var (register, lecture) = ReadmeCells();
        var runner = new List<(double Process, double Register, double Lecture)>();
        var stdio = new List<(double Ready, double Register, double Lecture)>();
        var bare = new List<(double Ready, double Cell)>();
        var withStdio = StdioKernel.ToolPath is not null;
        for (var r = 0; r < rounds; r++)
        {
            runner.Add(InRunner(register, lecture));
            if (!withStdio) continue;
            stdio.Add(InStdio(register, lecture));
            bare.Add(FirstCell("1+1"));
        }
        static string Each(IEnumerable<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F3", Invariant)));
        var runnerBoth = runner.Select(x => x.Register + x.Lecture).ToList();
        Console.WriteLine($"first graph, runner: {rounds} runs, #r/Register() cell {runner.Average(x => x.Register):F3} s, first lecture cell {runner.Average(x => x.Lecture):F3} s, " +
                          $"together {runnerBoth.Average():F3} s (per run {Each(runnerBoth)}); whole process {runner.Average(x => x.Process):F3} s (start, Roslyn warm-up, cells, writing)");
        if (!withStdio)
        {
            Console.WriteLine($"dotnet interactive stdio: not run, the dotnet-interactive tool is not installed ({StdioKernel.InstallHelp})");
            return 0;
        }
        var stdioBoth = stdio.Select(x => x.Register + x.Lecture).ToList();
        Console.WriteLine($"first graph, dotnet interactive stdio: {rounds} runs, kernel ready {stdio.Average(x => x.Ready):F3} s, #r/Register() cell {stdio.Average(x => x.Register):F3} s, " +
                          $"first lecture cell {stdio.Average(x => x.Lecture):F3} s, together {stdioBoth.Average():F3} s (per run {Each(stdioBoth)})");
        Console.WriteLine($"first cell 1+1, dotnet interactive stdio: {rounds} runs, kernel ready {bare.Average(x => x.Ready):F3} s, cell {bare.Average(x => x.Cell):F3} s (per run {Each(bare.Select(x => x.Cell))})");
        var ours = stdioBoth.Zip(bare, (both, b) => both - b.Cell).ToList();
        Console.WriteLine($"first graph, dotnet interactive stdio, our part: {ours.Average():F3} s (together minus the 1+1 cell, per round {Each(ours)})");
        return 0;
    }

    // README.md's first cell: (ii) up to Register() with the #r made absolute (it is relative to a notebook in
    // notebooks/, as the README says), (iii) the rest.
    private static (string Register, string Lecture) ReadmeCells()
    {
        var readme = File.ReadAllText(Path.Combine(ColdRuns.RepositoryRoot(), "README.md"));
        var cell = CSharpBlock().Match(readme) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("README.md has no ```csharp block");
        var lines = DibText.AbsoluteReferences(cell, Path.Combine(ColdRuns.RepositoryRoot(), "notebooks")).Split('\n').ToList();
        var split = lines.FindIndex(l => l.Contains("NotebookFormatters.Register();", StringComparison.Ordinal)) + 1;
        if (split == 0) throw new InvalidOperationException("README.md's first cell no longer calls NotebookFormatters.Register()");
        return (string.Join('\n', lines.Take(split)), string.Join('\n', lines.Skip(split)).Trim());
    }

    private static (double Process, double Register, double Lecture) InRunner(string register, string lecture)
    {
        var (output, ipynb, elapsed) = KernelCells.Runner(register, lecture);
        // The runner's own clock per cell: "[2/2] csharp ✓ 0.15 s".
        var cells = CellTime().Matches(output).Select(m => double.Parse(m.Groups[1].Value, Invariant)).ToList();
        if (cells.Count != 2) throw new InvalidOperationException("the runner did not report two cell times:\n" + output);
        CheckPicture(ipynb, "the runner");
        return (elapsed.TotalSeconds, cells[0], cells[1]);
    }

    private static (double Ready, double Register, double Lecture) InStdio(string register, string lecture)
    {
        var (ready, cells) = KernelCells.Stdio(CellTimeout, register, lecture);
        CheckPicture(string.Concat(cells[1].Outputs("text/html")), "dotnet interactive stdio");
        return (ready.TotalSeconds, cells[0].Elapsed.TotalSeconds, cells[1].Elapsed.TotalSeconds);
    }

    private static (double Ready, double Cell) FirstCell(string code)
    {
        var (ready, cells) = KernelCells.Stdio(CellTimeout, code);
        return (ready.TotalSeconds, cells[0].Elapsed.TotalSeconds);
    }

    // The first graph must be drawn: an SVG (inline or as an <img> data URI) among the outputs.
    private static void CheckPicture(string outputs, string where)
    {
        if (!outputs.Contains("<svg", StringComparison.Ordinal) && !outputs.Contains("data:image/svg+xml", StringComparison.Ordinal))
            throw new InvalidOperationException($"the first lecture cell showed no SVG in {where}: {outputs[..Math.Min(500, outputs.Length)]}");
    }

    [GeneratedRegex(@"^\[\d+/\d+\] csharp ✓ ([\d.]+) s", RegexOptions.Multiline)]
    private static partial Regex CellTime();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
