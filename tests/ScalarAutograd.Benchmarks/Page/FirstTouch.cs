using System.Text.RegularExpressions;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// How much of a figure is the machine mapping fresh memory: the price of one first touch of a 4 KB page (the
/// page-touch log) times the minor page faults a command counted (PageFaults.cs). Where a row's gap is mostly this,
/// the page says so in milliseconds rather than leaving it to guesswork.
/// </summary>
internal static class FirstTouch
{
    private const string Reproduce = "dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- page-touch 5";

    /// <summary>"first touch of a 4 KB page: median X µs (rounds A–B µs over N blocks …); touching it again: Y µs a page".</summary>
    public static Match? Line(RunResults r) =>
        r.Line("page-touch", @"^first touch of a 4 KB page: median ([\d.]+) µs \(rounds ([\d.]+)–([\d.]+) µs over (\d+) blocks of 64 MB; ([\d.]+) minor faults a page\); touching it again: ([\d.]+) µs a page");

    /// <summary>The price of one first touch in µs, if this run measured it.</summary>
    public static double? Microseconds(RunResults r) => Line(r) is { } m ? RunResults.Number(m, 1) : null;

    /// <summary>The row that gives the price, and what touching the same page again costs beside it.</summary>
    public static (string Measured, string Beside, string Conditions, string Reproduce) Row(RunResults r)
    {
        var m = Line(r);
        var conditions = r.Logs.TryGetValue("page-touch", out var l) ? $"{l.Date}, load {l.LoadBefore} → {l.LoadAfter}; depends on the machine (how its OS and hypervisor map memory)" : "depends on the machine";
        return m is null
            ? ("not measured in this run (no earlier figure)", "", conditions, Reproduce)
            : ($"**{RunResults.Number(m, 1):F2} µs** a page (blocks {RunResults.Number(m, 2):F2}–{RunResults.Number(m, 3):F2} µs over {m.Groups[4].Value} blocks of 64 MB; {RunResults.Number(m, 5):F2} minor faults a page)",
               $"touching the same page again: {RunResults.Number(m, 6):F3} µs", conditions, Reproduce);
    }

    /// <summary>
    /// "≈ X ms is first touch of memory (N <paramref name="faults"/> × Y µs, row (m))", or "" when this run did not
    /// measure the price or counted no faults.
    /// </summary>
    public static string Share(RunResults r, double faults, string what) =>
        Microseconds(r) is { } us && faults > 0 ? $"≈ {Ms(faults * us / 1000)} is first touch of memory ({faults:N0} {what} × {us:F2} µs, row (m))" : "";

    private static string Ms(double ms) => ms >= 10 ? $"{ms:N0} ms" : $"{ms:N2} ms";
}
