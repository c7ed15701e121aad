using ScalarAutograd.Benchmarks;

namespace ScalarAutograd.Tests;

/// <summary>
/// The performance page is generated from a run, not typed (issue 24): on a small fixture of real BenchmarkDotNet
/// output and command logs, every figure, ratio, load average and date on the page comes from the input, and a
/// changed input changes the page.
/// </summary>
public class PerformancePageTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "PerformancePageFixture");
    private static readonly PageFacts Facts = new(MoonsNodes: 7_881, WrittenOut16: 38_281, WrittenOut64: 400_000, MlpSampleValues: 407);

    private static string Row(string page, string startsWith) =>
        page.Split('\n').Single(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(startsWith, StringComparison.Ordinal));

    [Fact]
    public void Rows_carry_the_runs_figures_ratios_machine_load_and_date()
    {
        var page = PerformancePage.Build(RunResults.Read(Fixture), Facts);

        Assert.Contains("Machine: Fixture CPU 7 4.20GHz, 2 logical cores", page);
        Assert.Contains("load 21.50 20.10 15.00 → 22.30 21.00 16.40", page); // bdn.log's, on every BenchmarkDotNet row
        var eager = Row(page, "eager: forward");
        Assert.Contains("**9.21 ms** median", eager); // the fixture's Step median, 9,214,… ns
        Assert.Contains("2.91 MiB per step, 7,881 nodes", eager);
        Assert.Contains("**79.0×** the floor", eager); // Step mean 9,715,… ns / FloorStep mean 123,000 ns
        var replay = Row(page, "replayed from a compiled tape");
        Assert.Contains("**0.690 ms** mean", replay);
        Assert.Contains("**0 B** per step", replay);
        Assert.Contains("**5.6×** the floor", replay); // 690,2… / 123,000
        Assert.Contains("eager is **9.5×** faster", Row(page, "line-by-line C# port"));
        Assert.Contains("**6.91×** width 16's", Row(page, "width scaling")); // (698,496,723 ns / 400,000) / (9,675,525 ns / 38,281)

        var cold = Row(page, "fresh console process's first 100 steps");
        Assert.Contains("**14.51 ms** mean (median 9.49 ms)", cold);
        Assert.Contains("2026-12-03T08:40:11Z, load 3.10 2.90 2.70 → 4.20 3.00 2.75", cold);
        Assert.Contains("process means 12.62–16.63 ms over 3 runs", cold);
        Assert.Contains("**1.20×** the console's mean", Row(page, "inside the runner's C# kernel")); // 17.41 / 14.51
        var stdio = Row(page, "in `dotnet interactive stdio` (as VS Code starts it");
        Assert.Contains("29.02 ms mean (median 12.00 ms)", stdio);
        Assert.Contains("**2.00×** the console's mean", stdio); // 29.02 / 14.51
        Assert.Contains("kernel means 28.00–30.04 ms over 3 runs", stdio);
        Assert.Contains("GC during the 100 steps: gen2 1.7, pauses 64 ms (server GC True), minor page faults 12,000, the console's 12 ms (server GC False), minor page faults 2,000", stdio);
        // (12,000 − 2,000) / 100 steps more page faults a step, at page-touch.log's 10.00 µs each.
        Assert.Contains("of the 14.51 ms a step it takes over the console's, ≈ 1.00 ms is first touch of memory (100 more page faults a step than the console's, counted over the whole cell with its setup, × 10.00 µs, row (m))", stdio);
        var touch = Row(page, "the first write to a fresh 4 KB page");
        Assert.Contains("**10.00 µs** a page (blocks 9.50–12.00 µs over 5 blocks of 64 MB; 1.00 minor faults a page)", touch);
        Assert.Contains("touching the same page again: 0.030 µs", touch);
        Assert.Contains("2026-12-03T08:39:00Z, load 3.00 2.90 2.70 → 3.10 2.90 2.70", touch);
        Assert.DoesNotContain("first touch of memory", Row(page, "inside the runner's C# kernel")); // its log line counted no faults
        var budget = Row(page, "the render budget on every drawing path");
        Assert.Contains("slowest mean **1,600 ms** (player (72 frames): reused-leaf chain 71)", budget);
        Assert.Contains("worst single render per path: player (72 frames) 1,700 ms (reused-leaf chain 71); Value 1,100 ms (Horner 40); " +
                        "Save steps.svg 450 ms (reused-leaf chain 71); IDrawableValue 90 ms (Horner 60)", budget);
        var again = Row(page, "run a second time in that `dotnet interactive stdio` kernel");
        Assert.Contains("16.00 ms mean (median 11.00 ms)", again);
        Assert.Contains("**1.10×** the console's mean", again); // 16.00 / 14.51
        Assert.Contains("kernel means 15.50–16.50 ms over 3 runs", again);
        Assert.Contains("pauses 20 ms (server GC False)", Row(page, "inside the runner's C# kernel"));
        // As a learner meets the loop: after Training.dib's cells above its training cell, in each kernel.
        var afterRunner = Row(page, "in the runner's kernel after `notebooks/Training.dib`'s cells above");
        Assert.Contains("13.06 ms mean (median 9.00 ms)", afterRunner);
        Assert.Contains("**0.90×** the console's mean", afterRunner); // 13.06 / 14.51: faster, so no share of a gap
        Assert.DoesNotContain("first touch of memory", afterRunner);
        var afterStdio = Row(page, "the same after those cells in a fresh `dotnet interactive stdio` kernel");
        Assert.Contains("**1.50×** the console's mean", afterStdio); // 21.77 / 14.51
        Assert.Contains("≈ 0.50 ms is first touch of memory (50 more page faults a step than the console's, counted over the whole cell with its setup, × 10.00 µs", afterStdio); // (7,000 − 2,000) / 100
        var sweep = Row(page, "with fewer bytes a step");
        Assert.Contains("554.7 KiB a step (eager, 100 samples): **2.18×** (2.82 vs 1.30 ms); 105.7 KiB a step (eager, 12 samples): **2.95×**", sweep);
        Assert.Contains("0 B a step (replayed, 100 samples): **1.29×** (0.20 vs 0.16 ms)", sweep);
        Assert.Contains("GC pauses during the stdio cell (its setup included): 554.7 KiB: 89 ms (console 11 ms), 103 page faults a step (console 23)", sweep);
        Assert.Contains("2026-12-03T08:45:00Z, load 2.00 2.10 2.20 → 2.10 2.10 2.20", sweep);
        Assert.Contains("3 rounds", sweep);

        var runner = Row(page, "after the runner's kernel starts");
        Assert.Contains("**0.46 s** (0.14 s + 0.31 s, mean of 3)", runner); // fixture: 0.142 + 0.314 = 0.456
        Assert.Contains("whole runner process 4.29 s", runner);
        Assert.Contains("| ≤ 0.6 s |", runner);
        Assert.Contains("2026-12-03T08:50:00Z, load 1.50 1.40 1.30 → 1.60 1.40 1.30", runner);
        Assert.Contains("per run 0.36–0.55 s over 3 runs", runner);
        var met = Row(page, "as the learner meets them");
        Assert.Contains("**2.24 s** (1.87 s + 0.38 s), after the kernel was ready in 1.52 s", met);
        Assert.Contains("a first cell of `1+1` in a fresh kernel (its own Roslyn warm-up, paid by any first cell): 1.65 s", met);
        var ours = Row(page, "our part of it");
        Assert.Contains("**0.60 s**", ours);
        Assert.Contains("per round 0.57–0.63 s over 3 runs", ours);
        Assert.Contains("**377–812 ms** in 2 fresh processes", Row(page, "first call in a fresh process"));
        Assert.Contains("a cold page cache", Row(page, "first call in a fresh process"));
        // The chain-memory logs' calls, averaged over the two processes: (60,000 + 20,000) / 2 faults × 10 µs.
        Assert.Contains("the first call: 594 ms on the mean, of which ≈ 400 ms is first touch of memory (40,000 page faults × 10.00 µs, row (m))", Row(page, "first call in a fresh process"));
        Assert.Contains("the same call in `chain-memory`'s processes: 250 ms on the mean, of which ≈ 70 ms is first touch of memory (7,000 page faults", Row(page, "10,000,000-node chain after a full collection"));

        // What this fixture has no output for is said to be missing, never filled in.
        Assert.Contains("not measured in this run", Row(page, "per node, long chain"));
        Assert.Contains("not run: no micrograd source", Row(page, "micrograd's own step"));
        Assert.All(page.Split('\n').Where(l => l.StartsWith("| (", StringComparison.Ordinal)), l => Assert.Contains("`dotnet run", l));
    }

    [Fact]
    public void A_different_run_gives_a_different_page()
    {
        using var copy = new FixtureCopy();
        copy.Edit(Path.Combine("bdn", "results", "ScalarAutograd.Benchmarks.MoonsStepBenchmark-report-full.json"), "123000.0", "246000.0"); // the floor twice as slow
        copy.Edit("cold.log", "3.10 2.90 2.70", "0.40 0.50 0.60");
        copy.Edit("first-graph.log", "our part: 0.596 s", "our part: 0.296 s");
        copy.Edit("cold.log", "step median 12.00 ms, mean 29.02 ms", "step median 12.00 ms, mean 14.51 ms");
        copy.Edit("page-touch.log", "median 10.00 µs", "median 20.00 µs"); // first touch twice as dear

        var page = PerformancePage.Build(RunResults.Read(copy.Folder), Facts);
        Assert.Contains("**0.30 s**", Row(page, "our part of it"));
        Assert.Contains("≈ 1.00 ms is first touch of memory (50 more page faults a step than the console's, counted over the whole cell with its setup, × 20.00 µs", Row(page, "the same after those cells in a fresh `dotnet interactive stdio` kernel"));
        Assert.Contains("**20.00 µs** a page", Row(page, "the first write to a fresh 4 KB page"));
        Assert.Contains("**1.00×** the console's mean", Row(page, "in `dotnet interactive stdio` (as VS Code starts it"));
        Assert.Contains("**2.8×** the floor", Row(page, "replayed from a compiled tape")); // half of 5.6×
        Assert.Contains("load 0.40 0.50 0.60 → 4.20 3.00 2.75", Row(page, "fresh console process's first 100 steps"));
    }

    [Fact]
    public void A_run_without_first_graph_or_stdio_says_so_and_carries_only_published_figures()
    {
        using var copy = new FixtureCopy();
        copy.Delete("first-graph.log");
        var cold = Path.Combine(copy.Folder, "cold.log");
        File.WriteAllLines(cold, File.ReadAllLines(cold).Where(l => !l.Contains("stdio", StringComparison.Ordinal)));
        copy.Delete("cold-sweep.log");
        copy.Delete("page-touch.log");

        var page = PerformancePage.Build(RunResults.Read(copy.Folder), Facts);
        Assert.Contains("not measured in this run (no earlier figure)", Row(page, "the first write to a fresh 4 KB page"));
        Assert.DoesNotContain("first touch of memory", Row(page, "first call in a fresh process")); // no price, no share
        Assert.Contains("not measured in this run; carried: kernel ready 0.93 s", Row(page, "after the runner's kernel starts"));
        Assert.Contains("not measured in this run (no earlier figure", Row(page, "as the learner meets them"));
        Assert.Contains("not measured in this run (no earlier figure", Row(page, "our part of it"));
        var stdio = Row(page, "in `dotnet interactive stdio` (as VS Code starts it");
        Assert.Contains("not measured in this run (no earlier figure", stdio);
        Assert.DoesNotContain("the console's mean", stdio);
        Assert.Contains("not measured in this run (no earlier figure", Row(page, "run a second time in that `dotnet interactive stdio` kernel"));
        Assert.Contains("not measured in this run (no earlier figure", Row(page, "with fewer bytes a step"));
        Assert.Contains("not measured in this run (no earlier figure", Row(page, "the same after those cells in a fresh `dotnet interactive stdio` kernel"));
    }

    // A copy of the fixture to change (a different run), deleted afterwards.
    private sealed class FixtureCopy : IDisposable
    {
        private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("perf-page-");

        public FixtureCopy()
        {
            foreach (var file in Directory.GetFiles(Fixture, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_copy.FullName, Path.GetRelativePath(Fixture, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Folder => _copy.FullName;

        // Replaces text the file must hold: an edit that matched nothing would leave the run unchanged.
        public void Edit(string file, string from, string to)
        {
            var path = Path.Combine(Folder, file);
            var text = File.ReadAllText(path);
            Assert.Contains(from, text);
            File.WriteAllText(path, text.Replace(from, to));
        }

        public void Delete(string file) => File.Delete(Path.Combine(Folder, file));

        public void Dispose() => _copy.Delete(recursive: true);
    }
}
