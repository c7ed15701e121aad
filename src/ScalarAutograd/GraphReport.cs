using System.Globalization;

namespace ScalarAutograd;

/// <summary>
/// What a picture of a graph would get wrong, from <see cref="Value.Inspect"/>: values that are out of date after an
/// input changed, and grads that are not one backward pass from the output. <see cref="Note"/> says it in one line,
/// with what to call.
/// </summary>
public sealed class GraphReport
{
    // Grads are compared with one fresh backward pass only up to this size: beyond it the check costs more than a picture.
    private const int MaxChecked = 1_000_000;

    private readonly HashSet<Value> _stale;
    private readonly HashSet<Value> _staleGrads;
    private readonly bool _earlierPassesOnLeaves; // intermediates are the last pass; leaves hold more than that

    private GraphReport(Value output, HashSet<Value> stale, IReadOnlyList<Value> staleValues, IReadOnlyList<Value> changed,
        IReadOnlyList<Value> staleGrads, int passes, bool gradsAreBackward, bool earlierPassesOnLeaves)
    {
        StaleGrads = staleGrads;
        _staleGrads = new HashSet<Value>(staleGrads, ReferenceEqualityComparer.Instance);
        _earlierPassesOnLeaves = earlierPassesOnLeaves;
        Output = output;
        _stale = stale;
        StaleValues = staleValues;
        ChangedValues = changed;
        BackwardPasses = passes;
        GradsAreBackward = gradsAreBackward;
        Note = MakeNote();
    }

    /// <summary>The value the graph was inspected from.</summary>
    public Value Output { get; }

    /// <summary>Values computed before one of the values they depend on changed: their data is out of date.</summary>
    public IReadOnlyList<Value> StaleValues { get; }

    /// <summary>
    /// Values whose grad is from before <see cref="Value.Recompute"/> brought new numbers: taken of the old data, so
    /// it does not belong to the data drawn beside it. <c>ZeroGrad(); Backward()</c> replaces them.
    /// </summary>
    public IReadOnlyList<Value> StaleGrads { get; }

    /// <summary>Whether <paramref name="value"/>'s grad is from before the numbers were recomputed (see <see cref="StaleGrads"/>).</summary>
    public bool IsGradStale(Value value) => _staleGrads.Contains(value);

    /// <summary>The values that changed after something was computed from them (usually edited inputs).</summary>
    public IReadOnlyList<Value> ChangedValues { get; }

    /// <summary>
    /// How many <see cref="Value.Backward"/> passes from <see cref="Output"/> the leaf grads hold: 0 when every grad
    /// is 0, 1 after one pass, k after k calls without zeroing (intermediates always show the last one).
    /// </summary>
    public int BackwardPasses { get; }

    /// <summary>
    /// False when the grads are not what some number of backward passes from <see cref="Output"/> gives: set by
    /// hand, half propagated, or left by another graph that shares leaves.
    /// </summary>
    public bool GradsAreBackward { get; }

    /// <summary>One line for under the picture, or null when the picture is self-consistent.</summary>
    public string? Note { get; }

    /// <summary>Whether <paramref name="value"/> is out of date (see <see cref="StaleValues"/>).</summary>
    public bool IsStale(Value value) => _stale.Contains(value);

    internal static GraphReport Of(Value output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = output.TopologicalOrder();
        var stale = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var staleValues = new List<Value>();
        var changed = new List<Value>();
        foreach (var v in order)
        {
            foreach (var operand in v.Children)
            {
                var edited = Value.ChangedAfter(operand, v);
                if (edited && !changed.Contains(operand)) changed.Add(operand);
                if ((edited || stale.Contains(operand)) && stale.Add(v)) staleValues.Add(v);
            }
        }
        var staleGrads = order.Where(v => v.GradIsStale).ToList();
        var (passes, consistent, earlier) = order.Count <= MaxChecked ? CompareWithOnePass(output, order) : (1, true, false);
        return new GraphReport(output, stale, staleValues, changed, staleGrads, passes, consistent, earlier);
    }

    // Runs one backward pass from the output into a side array (no grad is touched) and asks whether the grads drawn
    // are k such passes: intermediates hold the last pass, leaves k of them.
    private static (int Passes, bool Consistent, bool EarlierPassesOnLeaves) CompareWithOnePass(Value output, List<Value> order)
    {
        if (order.TrueForAll(v => v.Grad == 0)) return (0, true, false);
        var index = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++) index[order[i]] = i;
        var pass = new double[order.Count];
        pass[^1] = 1; // the output comes last
        for (var i = order.Count - 1; i >= 0; i--)
        {
            if (pass[i] == 0) continue;
            var operands = order[i].Children;
            var locals = order[i].LocalDerivatives;
            for (var k = 0; k < operands.Count; k++) pass[index[operands[k]]] += locals[k] * pass[i];
        }

        var intermediates = Enumerable.Range(0, order.Count).Where(i => !order[i].IsLeaf).ToList();
        if (intermediates.TrueForAll(i => order[i].Grad == 0)) return (0, false, false); // no pass from here: leaf grads come from elsewhere
        if (!intermediates.TrueForAll(i => Close(order[i].Grad, pass[i]))) return (1, false, false);

        var leaves = Enumerable.Range(0, order.Count).Where(i => order[i].IsLeaf).ToList();
        var reached = leaves.Where(i => pass[i] != 0 && double.IsFinite(pass[i])).ToList();
        var times = reached.Count == 0 ? 1 : Math.Round(order[reached[0]].Grad / pass[reached[0]]);
        // Intermediates are exactly the last pass: leaves that differ from k passes hold earlier, different passes too
        // (e.g. before an input was edited).
        if (!double.IsFinite(times) || times < 1) return (1, false, true);
        var consistent = leaves.TrueForAll(i => Close(order[i].Grad, times * pass[i]));
        return ((int)Math.Min(times, int.MaxValue), consistent, !consistent);
    }

    private static bool Close(double x, double y) =>
        x.Equals(y) || Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    private string? MakeNote()
    {
        var output = Output.Label ?? "the output";
        var call = Output.Label ?? "output";
        if (StaleValues.Count > 0)
        {
            var names = string.Join(", ", ChangedValues.Take(3).Select(Describe)) + (ChangedValues.Count > 3 ? ", …" : "");
            return $"{names} changed after this graph was computed: the {StaleValues.Count} value(s) marked stale show old numbers. " +
                   $"Call {call}.Recompute() for the new numbers, or {call}.ZeroGrad(); {call}.Backward() for new grads too.";
        }
        if (StaleGrads.Count > 0)
        {
            // Recompute() brought new data; the grads beside it were taken of the old data (whatever the passes were).
            return $"The data is recomputed after an input changed, but the {StaleGrads.Count} grad(s) marked stale are from before that change. " +
                   $"Call {call}.ZeroGrad(); {call}.Backward() for the grads of the new numbers.";
        }
        if (!GradsAreBackward && _earlierPassesOnLeaves)
        {
            return $"Leaf grads are not one backward pass from {output}: they hold earlier Backward() passes too (or were set by hand), " +
                   $"while intermediates show the last one. Call {call}.ZeroGrad() before {call}.Backward() to see one pass.";
        }
        if (!GradsAreBackward)
        {
            return BackwardPasses == 0
                ? $"No Backward() from {output} yet: the leaf grads shown come from elsewhere (another graph, or set by hand). Call {call}.ZeroGrad(), then {call}.Backward()."
                : $"These grads are not one backward pass from {output} (accumulated from earlier passes, set by hand, or half done). Call {call}.ZeroGrad(), then {call}.Backward().";
        }
        if (BackwardPasses > 1)
        {
            return $"Leaf grads hold the sum of {BackwardPasses} Backward() calls (intermediates show the last one): " +
                   $"call {call}.ZeroGrad() before {call}.Backward() to see one pass.";
        }
        return null;
    }

    /// <summary>The note, or a line that says the picture is consistent.</summary>
    public override string ToString() =>
        Note ?? $"Consistent: no stale values; grads are {(BackwardPasses == 0 ? "all 0 (no Backward() yet)" : BackwardPasses == 1 ? "one backward pass" : $"{BackwardPasses} backward passes")} from {Output.Label ?? "the output"}.";

    private static string Describe(Value v)
    {
        var now = v.Data.ToString("G6", CultureInfo.InvariantCulture);
        return v.Label is { } label ? $"{label} (now {now})" : v.IsLeaf ? $"an input (now {now})" : $"a {v.Op} result (now {now})";
    }
}
