using System.Globalization;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>Draws a recorded backward pass (<see cref="Value.BackwardSteps"/>) frame by frame, or as a player.</summary>
public static class BackwardTraceExtensions
{
    /// <summary>The largest graph <see cref="ToHtmlPlayer"/> draws: one Graphviz render per value.</summary>
    public const int MaxPlayerValues = 150;

    /// <summary>
    /// Frame <paramref name="step"/> as DOT: grads so far (<c>grad ?</c> where backward has not reached a value yet),
    /// the value whose local backward ran in orange, the operands it fed in yellow.
    /// </summary>
    public static string FrameToDot(this BackwardTrace trace, int step, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (step < 0 || step >= trace.Frames.Count)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Expected a step from 0 to {trace.Frames.Count - 1}.");
        return DotWriter.Write(trace.Output, options ?? GraphOptions.Default, new FrameView(trace, trace.Frames[step]));
    }

    /// <summary>Frame <paramref name="step"/> as an SVG document.</summary>
    public static string FrameToSvg(this BackwardTrace trace, int step, GraphOptions? options = null)
    {
        _ = trace.FrameToDot(step, options); // checks the arguments
        return System.Text.Encoding.UTF8.GetString(GraphRender.Render(trace.Output, options ?? GraphOptions.Default, "svg", new FrameView(trace, trace.Frames[step])));
    }

    /// <summary>What happened in frame <paramref name="step"/>, in one sentence.</summary>
    public static string Caption(this BackwardTrace trace, int step)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var frame = trace.Frames[step];
        var head = $"Step {step + 1} of {trace.Frames.Count}: ";
        if (frame.Node.IsLeaf) return head + $"{Name(frame.Node)} is a leaf: nothing to pass on.";
        var grads = frame.Fed.Distinct().Select(v => $"{Name(v)} (grad {Format(frame.Grads[trace.IndexOf(v)])})");
        return head + $"{Name(frame.Node)} = {frame.Node.Op}(…) ran its local backward and fed {string.Join(", ", grads)}.";
    }

    /// <summary>
    /// A self-contained HTML player: every frame as an inline SVG, with previous/next buttons and a slider. No
    /// scripts or styles come from anywhere else; without scripts, every frame shows, one under the other.
    /// </summary>
    /// <exception cref="ArgumentException">The graph has more than <see cref="MaxPlayerValues"/> values.</exception>
    public static string ToHtmlPlayer(this BackwardTrace trace, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Values.Count > MaxPlayerValues)
            throw new ArgumentException(
                $"The backprop player draws graphs of up to {MaxPlayerValues} values (one picture per value); this one has {trace.Values.Count:N0}.");
        var frames = Enumerable.Range(0, trace.Frames.Count)
            .Select(k => (trace.Caption(k), Graphviz.InlineSvg(trace.FrameToSvg(k, options))))
            .ToList();
        return BackwardPlayer.Html(frames);
    }

    private static string Name(Value v) => v.Label ?? $"the {v.Op} value".Replace("the  value", "a constant");

    private static string Format(double? x) => x?.ToString("F4", CultureInfo.InvariantCulture) ?? "?";
}
