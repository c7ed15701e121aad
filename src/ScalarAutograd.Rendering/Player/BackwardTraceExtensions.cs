using System.Text;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>Draws a recorded backward pass (<see cref="Value.BackwardSteps"/>) frame by frame, or as a player.</summary>
public static class BackwardTraceExtensions
{
    /// <summary>The largest graph <see cref="ToHtmlPlayer"/> draws: one Graphviz render per value.</summary>
    public const int MaxPlayerValues = 150;

    /// <summary>
    /// Frame <paramref name="step"/> as DOT: grads so far (<c>grad ?</c> where backward has not reached a value yet),
    /// the value whose local backward ran in orange, the operands it fed in yellow. Every frame of a trace is laid out
    /// alike: boxes are as wide as their widest grad in any frame, so nothing moves from one frame to the next.
    /// </summary>
    public static string FrameToDot(this BackwardTrace trace, int step, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        CheckStep(trace, step);
        return DotWriter.Write(trace.Output, options ?? GraphOptions.Default, new FrameView(trace, trace.Frames[step]));
    }

    /// <summary>Frame <paramref name="step"/> as an SVG document.</summary>
    public static string FrameToSvg(this BackwardTrace trace, int step, GraphOptions? options = null)
    {
        _ = trace.FrameToDot(step, options); // checks the arguments
        return System.Text.Encoding.UTF8.GetString(GraphRender.Render(trace.Output, options ?? GraphOptions.Default, "svg", new FrameView(trace, trace.Frames[step])));
    }

    /// <summary>
    /// What happened in frame <paramref name="step"/>, with the arithmetic: one line per operand fed, e.g.
    /// <c>d.grad += f·L.grad = −2 × 1 = −2</c>.
    /// </summary>
    public static string Caption(this BackwardTrace trace, int step)
    {
        ArgumentNullException.ThrowIfNull(trace);
        CheckStep(trace, step);
        var before = step == 0 ? Seed(trace).Grads : trace.Frames[step - 1].Grads;
        return $"Step {step + 1} of {trace.Frames.Count}: " + Describe(trace, trace.Frames[step], before);
    }

    /// <summary>
    /// A self-contained HTML player: step 0 seeds the output's grad with 1, then one frame per operation whose local
    /// backward ran (leaves pass nothing on, so they get no frame of their own). Previous/next, play/pause, a slider
    /// and the ← → keys where scripts run; without scripts (an untrusted notebook) every frame shows, one under the
    /// other. Each frame is an <c>&lt;img&gt;</c>, so sanitizers keep it.
    /// </summary>
    /// <exception cref="ArgumentException">The graph has more than <see cref="MaxPlayerValues"/> values.</exception>
    public static string ToHtmlPlayer(this BackwardTrace trace, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Values.Count > MaxPlayerValues)
            throw new ArgumentException(
                $"The backprop player draws graphs of up to {MaxPlayerValues} values (one picture per value); this one has {trace.Values.Count:N0}.");
        var shown = PlayerFrames(trace);
        // One direction for every frame, so nothing moves between them.
        options = LayoutChoice.Resolve(options ?? GraphOptions.Default, o => DotWriter.Write(trace.Output, o, new FrameView(trace, shown[0].Frame)));
        var frames = new List<BackwardPlayer.Frame>();
        Drawing? first = null; // every frame within the render budget; once one is simplified, all are, alike
        for (var k = 0; k < shown.Count; k++)
        {
            var (frame, _) = shown[k];
            var caption = StepCaption(trace, shown, k);
            var drawing = GraphRender.Render(FrameSource(trace, frame), options, "svg", first);
            first ??= drawing;
            var svg = Encoding.UTF8.GetString(drawing.Bytes);
            frames.Add(new BackwardPlayer.Frame(caption, svg, $"Step {k}: the graph of {ChainRuleText.Name(trace.Output)}, grads so far"));
        }
        return BackwardPlayer.Html(frames);
    }

    /// <summary>One frame's drawing, whole or simplified, for <see cref="GraphRender"/>.</summary>
    internal static DotSource FrameSource(BackwardTrace trace, BackwardFrame frame) =>
        (o, simplified, note) => DotWriter.Write(trace.Output, o, new FrameView(trace, frame), simplified, note);

    /// <summary>The player's captions, one per frame: step 0 (the seed), then one per operation, with the arithmetic.</summary>
    public static IReadOnlyList<string> StepCaptions(this BackwardTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var shown = PlayerFrames(trace);
        return shown.Select((f, k) => StepCaption(trace, shown, k)).ToList();
    }

    private static string StepCaption(BackwardTrace trace, List<(BackwardFrame Frame, IReadOnlyList<double?> Before)> shown, int k)
    {
        var caption = $"Step {k} of {shown.Count - 1}: " + Describe(trace, shown[k].Frame, shown[k].Before);
        return k == shown.Count - 1 ? caption + "\nDone: every grad is filled in. Leaves pass nothing on, so backward ends here." : caption;
    }

    /// <summary>The frames the player shows: the seed, then each non-leaf step, each with the grads just before it.</summary>
    internal static List<(BackwardFrame Frame, IReadOnlyList<double?> Before)> PlayerFrames(BackwardTrace trace)
    {
        var seed = Seed(trace);
        var frames = new List<(BackwardFrame, IReadOnlyList<double?>)> { (seed, new double?[trace.Values.Count]) };
        IReadOnlyList<double?> before = seed.Grads;
        foreach (var frame in trace.Frames)
        {
            if (frame.Node.IsLeaf) continue; // a leaf's local backward changes nothing
            frames.Add((frame, before));
            before = frame.Grads;
        }
        return frames;
    }

    // Backward's first act: the output's grad becomes 1 (∂L/∂L), before any local backward runs.
    private static BackwardFrame Seed(BackwardTrace trace)
    {
        var grads = new double?[trace.Values.Count];
        var output = trace.IndexOf(trace.Output);
        grads[output] = trace.Frames.Count > 0 ? trace.Frames[0].Grads[output] : 1.0;
        return new BackwardFrame(-1, trace.Output, [], grads);
    }

    private static string Describe(BackwardTrace trace, BackwardFrame frame, IReadOnlyList<double?> before)
    {
        var node = frame.Node;
        var name = ChainRuleText.Name(node);
        var grad = frame.Grads[trace.IndexOf(node)] ?? 0;
        if (frame.Step < 0)
            return $"backward starts at {name}: {name}.grad = ∂{name}/∂{name} = {ChainRuleText.Short(grad)}. Every other grad is unknown (grad ?) until backward reaches it.";
        if (node.IsLeaf) return $"{name} is a leaf: its grad {ChainRuleText.Short(grad)} is final, and there is nothing to pass on.";

        var text = new StringBuilder();
        var gradName = ChainRuleText.Operand(node) + ".grad"; // (a*b).grad, not a*b.grad
        var definition = ChainRuleText.Definition(node);
        text.Append(node.Label is null || node.Label == definition ? name : $"{name} = {definition}")
            .Append(" passes its grad back: each operand's grad += local derivative · ").Append(gradName);
        var running = new Dictionary<Value, double>(ReferenceEqualityComparer.Instance);
        var children = node.Children;
        var locals = node.LocalDerivatives;
        for (var i = 0; i < children.Count; i++)
        {
            var operand = children[i];
            var had = before[trace.IndexOf(operand)];
            var now = (running.TryGetValue(operand, out var r) ? r : had ?? 0) + locals[i] * grad;
            text.Append('\n').Append(ChainRuleText.Operand(operand)).Append(".grad += ")
                .Append(ChainRuleText.Factor(ChainRuleText.LocalDerivative(node, i))).Append('·').Append(gradName).Append(" = ")
                .Append(ChainRuleText.Short(locals[i])).Append(" × ").Append(ChainRuleText.Short(grad)).Append(" = ")
                .Append(ChainRuleText.Short(locals[i] * grad));
            if (had is not null || running.ContainsKey(operand)) text.Append(" → ").Append(ChainRuleText.Short(now)).Append(" in all");
            running[operand] = now;
        }
        return text.ToString();
    }

    private static void CheckStep(BackwardTrace trace, int step)
    {
        if (step < 0 || step >= trace.Frames.Count)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Expected a step from 0 to {trace.Frames.Count - 1}.");
    }
}
