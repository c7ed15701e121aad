using System.Diagnostics;
using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>
/// Draws a value's graph within <see cref="GraphOptions.RenderBudget"/>. A graph <see cref="LayoutCost"/> calls cheap
/// is laid out in process; a doubtful one goes to the <c>dot</c> program with a deadline, after which dot is killed;
/// a hopeless one is not tried. Those two are drawn simplified (a tree: each value once, grey copies for further
/// uses), with a note saying so.
/// </summary>
internal static class GraphRender
{
    // The simplified drawing gets the second half of the budget, and at least this long (it takes ~0.4 s, idle).
    private static readonly TimeSpan FallbackReserve = TimeSpan.FromSeconds(0.5);

    public static byte[] Render(Value output, GraphOptions options, string format, FrameView? frame = null, double dpi = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var budget = options.RenderBudget;
        if (budget <= TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"RenderBudget must be positive (got {budget}).");
        var started = Stopwatch.GetTimestamp();
        var full = DotWriter.Write(output, options, frame, dpi: dpi);
        if (budget == Timeout.InfiniteTimeSpan) return Graphviz.Render(full, format, Timeout.InfiniteTimeSpan);

        var fullDeadline = budget - Max(budget / 2, FallbackReserve);
        if (fullDeadline > TimeSpan.Zero && Graphviz.RenderWithin(full, format, fullDeadline) is { } bytes) return bytes;

        var note = $"Simplified: the full layout would take over {Seconds(budget)}, so a value used again shows as a grey copy. " +
                   "Raise GraphOptions.RenderBudget to wait for it.";
        // A tree lays out in linear time, so this is fast; fewer values only if the tree is still too big to be cheap.
        for (var max = options.MaxValues; max >= 1; max /= 2)
        {
            if (max < options.MaxValues && Stopwatch.GetElapsedTime(started) > budget) break; // each try is cheap or refused at once
            var simple = DotWriter.Write(output, options with { MaxValues = max }, frame, simplified: true, note, dpi);
            var left = Max(budget - Stopwatch.GetElapsedTime(started), FallbackReserve);
            if (Graphviz.RenderWithin(simple, format, left, fallback: true) is { } simpler) return simpler;
        }
        // Not even one value could be drawn in time (no dot program and a failing library?): say so, drawn by us.
        return Graphviz.Render($"digraph G {{ note [shape=box label=<{DotText.Html(note)}>]; }}", format);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
