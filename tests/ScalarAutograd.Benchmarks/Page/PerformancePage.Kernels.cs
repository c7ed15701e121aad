using System.Text.RegularExpressions;

namespace ScalarAutograd.Benchmarks;

// The page's rows about the moons loop as a learner runs it: fresh console processes, the two notebook kernels, the
// bytes sweep, and the first graph after a kernel starts.
public static partial class PerformancePage
{
    private static void ColdRows(RunResults r, List<Row> rows)
    {
        // "WHAT: N runs, step median X ms, mean Y ms (process means …;": one line per kind of process in the cold log.
        Match? ColdLine(string what) => r.Line("cold", $@"^{Regex.Escape(what)}: (\d+) runs, step median ([\d.]+) ms, mean ([\d.]+) ms \(process means ([\d., ]+);");
        var console = ColdLine("console, cold 100-step process");
        var cold = Log(r, "cold", "load; a fresh process (JIT, empty heap: a cold cache)");
        rows.Add(new("(a)", "the eager step, mean over a fresh console process's first 100 steps (what a learner runs)",
            console is null ? Missing("1.96–2.06 ms mean") : $"**{RunResults.Number(console, 3):F2} ms** mean (median {RunResults.Number(console, 2):F2} ms)",
            "", "≤ 1.5 ms", cold + Spread(console, 4, "process means"), $"{Run} cold 5"));
        // The same cell in a kernel, beside the console's mean.
        void KernelRow(string what, string description, string missing, string ratioNote, string target, string reproduce)
        {
            var kernel = ColdLine(what);
            var (gc, extraFaults) = Gc(r, what);
            var gap = kernel is null || console is null ? 0 : RunResults.Number(kernel, 3) - RunResults.Number(console, 3);
            var share = gap > 0 && extraFaults is { } f ? FirstTouch.Share(r, f / 100, "more page faults a step than the console's, counted over the whole cell with its setup,") : "";
            rows.Add(new("(a)", description,
                kernel is null ? missing : $"{RunResults.Number(kernel, 3):F2} ms mean (median {RunResults.Number(kernel, 2):F2} ms)",
                kernel is null || console is null ? "" : $"**{RunResults.Number(kernel, 3) / RunResults.Number(console, 3):N2}×** the console's mean{ratioNote}" +
                    (share.Length > 0 ? $"; of the {gap:F2} ms a step it takes over the console's, {share}" : ""),
                target, cold + Spread(kernel, 4, "kernel means") + gc, reproduce));
        }
        KernelRow("inside the notebook kernel (runner)", "the same 100 steps as a notebook cell inside the runner's C# kernel (interleaved with the row above)",
            Missing("2.49–2.65 ms mean, 1.26–1.29× the console"), "", "≤ 1.3×", $"{Run} cold 5   # build src/ScalarAutograd.Runner -c Release first");
        KernelRow("inside dotnet interactive stdio (VS Code's kernel)", "the same 100 steps in `dotnet interactive stdio` (as VS Code starts it: its GC settings, not ours; interleaved with the rows above)",
            NotMeasuredStdio, "", "≤ 1.3×", $"{Run} cold 5");
        KernelRow("the same cell run again in that stdio kernel", "the same cell run a second time in that `dotnet interactive stdio` kernel (the first run touched the memory the kernel's server GC hands out)",
            NotMeasuredStdio, " (a fresh process's)", "", $"{Run} cold 5");
        KernelRow("inside the runner after Training.dib's cells above", "the same 100 steps in the runner's kernel after `notebooks/Training.dib`'s cells above its training cell, as a learner runs the notebook (the engine, ScottPlot, the lecture's network, the moons plot, a drawn graph)",
            "not measured in this run (no earlier figure)", "", "≤ 1.3×", $"{Run} cold 5");
        KernelRow("inside dotnet interactive stdio after Training.dib's cells above", "the same after those cells in a fresh `dotnet interactive stdio` kernel",
            NotMeasuredStdio, "", "≤ 1.3×", $"{Run} cold 5");
        SweepRow(r, rows);

        var replay = r.Line("cold-replay", @"^replayed step, cold 100-step process: (\d+) runs, step median ([\d.]+) ms");
        var micrograd = r.Line("cold-replay", @"^micrograd \(CPython\): (\d+) steps, median ([\d,.]+) ms, mean ([\d,.]+) ms");
        rows.Add(new("(a)", "the replayed step in fresh processes vs micrograd's own step in CPython (its source fetched at run time, not shipped)",
            replay is null || micrograd is null ? "not run: no micrograd source given to perf-page.sh (MICROGRAD=path/to/micrograd)" : $"median {RunResults.Number(replay, 2):F3} ms vs micrograd {RunResults.Number(micrograd, 2):N0} ms",
            replay is null || micrograd is null ? "" : $"**{RunResults.Number(micrograd, 2) / RunResults.Number(replay, 2):N0}×** faster",
            "≥ 4,000×", Log(r, "cold-replay", "load; fresh processes"), $"{Run} cold-replay 3 tests/ScalarAutograd.Benchmarks/micrograd_moons.py"));
        var (touched, again, touchConditions, touchReproduce) = FirstTouch.Row(r);
        rows.Add(new("(m)", "the machine: the first write to a fresh 4 KB page of memory (the OS maps it then: one minor page fault). A fresh process or kernel pays it for every page its collector hands out the first time",
            touched, again, "", touchConditions, touchReproduce));
    }

    // The stdio first cell's ratio with fewer bytes a step (fewer samples) and with none (replayed): cold-sweep.
    private static void SweepRow(RunResults r, List<Row> rows)
    {
        var cases = r.Logs.TryGetValue("cold-sweep", out var log)
            ? Regex.Matches(log.Output, @"^bytes sweep, (eager|replayed) step, (\d+) samples: (\d+) B a step; console mean ([\d.]+) ms, stdio first cell mean ([\d.]+) ms: ([\d.]+)x; page faults a step: console (\d+), stdio (\d+); GC pauses during the cell \(setup included\): console (\d+) ms, stdio (\d+) ms \((\d+) rounds\)", RegexOptions.Multiline).ToList()
            : [];
        string Case(Match m) => $"{Bytes(RunResults.Number(m, 3))} a step ({m.Groups[1].Value}, {m.Groups[2].Value} samples): **{RunResults.Number(m, 6):N2}×** ({RunResults.Number(m, 5):F2} vs {RunResults.Number(m, 4):F2} ms)";
        string Pauses(Match m) => $"{Bytes(RunResults.Number(m, 3))}: {m.Groups[10].Value} ms (console {m.Groups[9].Value} ms), {m.Groups[8].Value} page faults a step (console {m.Groups[7].Value})";
        rows.Add(new("(a)", "the fresh stdio kernel's first cell against the console, with fewer bytes a step (fewer samples) and with none (the replayed step): what reducing the step's allocation buys there",
            cases.Count == 0 ? NotMeasuredStdio : string.Join("; ", cases.Select(Case)),
            cases.Count == 0 ? "" : "GC pauses during the stdio cell (its setup included): " + string.Join("; ", cases.Select(Pauses)),
            "", Log(r, "cold-sweep", $"load; fresh kernels; the machine's first touch of a page (row (m)); {(cases.Count > 0 ? cases[0].Groups[11].Value : "?")} rounds"), $"{Run} cold-sweep 3"));
    }

    private const string NotMeasuredStdio = "not measured in this run (no earlier figure; needs the dotnet-interactive tool)";

    // README's first cell after a fresh kernel starts: its #r/Register() lines (ii) and its lecture lines (iii).
    private static void FirstGraphRows(RunResults r, List<Row> rows)
    {
        var runner = r.Line("first-graph", @"^first graph, runner: (\d+) runs, #r/Register\(\) cell ([\d.]+) s, first lecture cell ([\d.]+) s, together ([\d.]+) s \(per run ([\d., ]+)\); whole process ([\d.]+) s");
        var stdio = r.Line("first-graph", @"^first graph, dotnet interactive stdio: (\d+) runs, kernel ready ([\d.]+) s, #r/Register\(\) cell ([\d.]+) s, first lecture cell ([\d.]+) s, together ([\d.]+) s \(per run ([\d., ]+)\)");
        var bare = r.Line("first-graph", @"^first cell 1\+1, dotnet interactive stdio: (\d+) runs, kernel ready ([\d.]+) s, cell ([\d.]+) s");
        var ours = r.Line("first-graph", @"^first graph, dotnet interactive stdio, our part: (-?[\d.]+) s \(together minus the 1\+1 cell, per round ([-\d., ]+)\)");
        var conditions = Log(r, "first-graph", "load; fresh kernels (JIT, Roslyn, disk cache)");
        var reproduce = $"{Run} first-graph 3";
        string S(Match m, int g) => $"{RunResults.Number(m, g):F2} s";
        rows.Add(new("first graph", "README's first cell after the runner's kernel starts: the `#r`/`using`/`Register()` cell + the first lecture cell (L built, `Backward()`, the SVG shown; the runner warms Roslyn before its first cell)",
            runner is null ? Missing("kernel ready 0.93 s + `#r`/`Register()` 1.03 s + first lecture cell 0.17 s = 2.13 s", "issue 25's run, load ~2") : $"**{S(runner, 4)}** ({S(runner, 2)} + {S(runner, 3)}, mean of {runner.Groups[1].Value})",
            runner is null ? "" : $"whole runner process {S(runner, 6)}", "≤ 0.6 s", conditions + Spreads(runner, 5, "per run", "s"), reproduce));
        rows.Add(new("first graph", "the same two cells in a fresh `dotnet interactive stdio` kernel, as the learner meets them (after the kernel is ready)",
            stdio is null ? NotMeasuredStdio : $"**{S(stdio, 5)}** ({S(stdio, 3)} + {S(stdio, 4)}), after the kernel was ready in {S(stdio, 2)}",
            bare is null ? "" : $"a first cell of `1+1` in a fresh kernel (its own Roslyn warm-up, paid by any first cell): {S(bare, 3)}", "", conditions + Spreads(stdio, 6, "per run", "s"), reproduce));
        rows.Add(new("first graph", "our part of it: those two cells minus the `1+1` first cell (interleaved, same round)",
            ours is null ? NotMeasuredStdio : $"**{S(ours, 1)}**",
            "", "≤ 0.6 s", conditions + Spreads(ours, 2, "per round", "s"), reproduce));
    }

    // "gc during the 100 steps, WHAT: … pauses N ms …; minor page faults F (…)", beside the console's; and how many
    // more page faults the kernel's 100 steps made than the console's.
    private static (string Text, double? ExtraFaults) Gc(RunResults r, string what)
    {
        var pattern = @": gen0 ([\d.]+), gen1 ([\d.]+), gen2 ([\d.]+), pauses (\d+) ms \((\d+)–(\d+) ms; means of \d+ runs\); server GC (\w+)(?:; minor page faults (\d+))?";
        var kernel = r.Line("cold", "^gc during the 100 steps, " + Regex.Escape(what) + pattern);
        var console = r.Line("cold", "^gc during the 100 steps, console, cold 100-step process" + pattern);
        if (kernel is null) return ("", null);
        static string Faults(Match m) => m.Groups[8].Success ? $", minor page faults {RunResults.Number(m, 8):N0}" : "";
        var extra = console is not null && kernel.Groups[8].Success && console.Groups[8].Success ? RunResults.Number(kernel, 8) - RunResults.Number(console, 8) : (double?)null;
        return ($"; GC during the 100 steps: gen2 {RunResults.Number(kernel, 3):N1}, pauses {RunResults.Number(kernel, 4):N0} ms (server GC {kernel.Groups[7].Value}){Faults(kernel)}" +
               (console is null ? "" : $", the console's {RunResults.Number(console, 4):N0} ms (server GC {console.Groups[7].Value}){Faults(console)}"), extra);
    }
}
