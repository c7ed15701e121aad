using System.Diagnostics;
using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>A drawing's DOT for the given options: whole, or <paramref name="simplified"/> (a tree) with a <paramref name="note"/> under it.</summary>
internal delegate string DotSource(GraphOptions options, bool simplified, string? note);

/// <summary>What a budgeted render drew: the file's bytes, and when it had to simplify, with at most how many values.</summary>
internal sealed record Drawing(byte[] Bytes, int? SimplifiedMaxValues);

/// <summary>
/// Draws a graph within <see cref="GraphOptions.RenderBudget"/>, on every path that draws one (a Value, a learner's
/// own value class, a backprop frame, a saved file). A graph <see cref="LayoutCost"/> calls cheap is laid out in
/// process; a doubtful one goes to the <c>dot</c> program with a deadline, after which dot is killed; a hopeless one is
/// not tried. Those two are drawn simplified (a tree: each value once, grey copies for further uses), with a note.
/// </summary>
internal static class GraphRender
{
    // The simplified drawing gets the second half of the budget, and at least this long (it takes ~0.4 s, idle).
    private static readonly TimeSpan FallbackReserve = TimeSpan.FromSeconds(0.5);

    public static byte[] Render(Value output, GraphOptions options, string format, FrameView? frame = null, double dpi = 0) =>
        Render((o, simplified, note) => DotWriter.Write(output, o, frame, simplified, note, dpi), options, format).Bytes;

    /// <summary>
    /// Renders <paramref name="source"/>'s drawing. With <paramref name="like"/> (an earlier frame of the same graph that
    /// had to be simplified), goes straight to the same simplified drawing: every frame of a player is then laid out
    /// alike, and none waits for a layout that is known to miss the budget.
    /// </summary>
    public static Drawing Render(DotSource source, GraphOptions options, string format, Drawing? like = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var budget = options.RenderBudget;
        if (budget <= TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"RenderBudget must be positive (got {budget}).");
        var started = Stopwatch.GetTimestamp();
        if (budget == Timeout.InfiniteTimeSpan) return new(Graphviz.Render(source(options, false, null), format, Timeout.InfiniteTimeSpan), null);

        if (like?.SimplifiedMaxValues is null)
        {
            var full = source(options, false, null);
            var fullDeadline = budget - Max(budget / 2, FallbackReserve);
            if (fullDeadline > TimeSpan.Zero && Graphviz.RenderWithin(full, format, fullDeadline) is { } bytes) return new(bytes, null);
        }

        var note = SimplifiedNote(budget);
        // A tree lays out in linear time, so this is fast; fewer values only if the tree is still too big to be cheap.
        var first = Math.Min(like?.SimplifiedMaxValues ?? options.MaxValues, options.MaxValues);
        for (var max = first; max >= 1; max /= 2)
        {
            if (max < first && Stopwatch.GetElapsedTime(started) > budget) break; // each try is cheap or refused at once
            var simple = source(options with { MaxValues = max }, true, note);
            var left = Max(budget - Stopwatch.GetElapsedTime(started), FallbackReserve);
            if (Graphviz.RenderWithin(simple, format, left, fallback: true) is { } simpler) return new(simpler, max);
        }
        // Not even one value could be drawn in time (no dot program and a failing library?): say so, drawn by us.
        return new(Graphviz.Render($"digraph G {{ note [shape=box label=<{DotText.Html(note)}>]; }}", format), 0);
    }

    /// <summary>The one line under a simplified drawing.</summary>
    public static string SimplifiedNote(TimeSpan budget) =>
        $"Simplified: the full layout would take over {Seconds(budget)}, so a value used again shows as a grey copy. " +
        "Raise GraphOptions.RenderBudget to wait for it.";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
