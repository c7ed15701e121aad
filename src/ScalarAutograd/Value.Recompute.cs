using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Edit and re-run: after a leaf's Data changes, the values computed from it are out of date ("stale"). Each value
// carries a stamp: when it was computed, or for a leaf when its Data was last set. A value computed before one of its
// operands changed is stale, and so is everything computed from it. Recompute() brings a graph up to date; Backward()
// does so by itself first, so gradients are never taken of numbers that no longer belong together.
public partial class Value
{
    // Counts leaf edits. A stamp is this counter's value at the time; compared with wrap-around arithmetic
    // (a − b > 0), so only graphs older than 2³¹ edits could be misjudged.
    private static int s_edits;

    /// <summary>
    /// Re-evaluates every value this one depends on from the current <see cref="Data"/> of its leaves: each result
    /// and each local derivative, operands before results (no recursion: a graph 10⁷ levels deep is fine). Call it
    /// after editing an input (<c>a.Data = 3; L.Recompute();</c>) to see the new numbers; <see cref="Backward"/>
    /// calls it for you when an input changed. Grads are left as they are, but when the numbers changed, every
    /// non-zero grad in the graph is marked stale (it was taken of the old numbers): <see cref="Inspect"/> lists them
    /// in <see cref="GraphReport.StaleGrads"/> and drawings mark them, until <c>ZeroGrad(); Backward()</c> (or any
    /// write) replaces them.
    /// </summary>
    /// <exception cref="AnomalyException">In anomaly mode, a result became NaN or ±∞ (the message names it).</exception>
    public void Recompute()
    {
        lock (s_walking)
        {
            var count = Order(Walk.Results, out var order, out var stale);
            try
            {
                if (stale) MarkGradsStale(order, count);
                RecomputeInOrder(order, count);
            }
            finally
            {
                Unmark(order, count);
                DropHugeBuffers();
            }
        }
    }

    // The grads already in the graph were taken of the numbers before the edit: once Recompute() changes the numbers
    // they no longer belong to the data beside them, so they are marked until something writes them again. Results
    // and their operands (the leaves are not in a Results walk).
    private static void MarkGradsStale(Value[]?[] order, int count)
    {
        for (var c = 0; c < ChunkCount(count); c++)
        {
            foreach (var v in Filled(order, c, count))
            {
                Mark(v);
                if (v is SumNode sum)
                {
                    foreach (var term in sum.Terms) Mark(term);
                }
                else if (v is Node node)
                {
                    Mark(node.A);
                    if (node.B is not null) Mark(node.B);
                }
            }
        }

        static void Mark(Value v) => v._gradStale |= v._grad != 0;
    }

    // The same, over the chunks of a traversal order (Value.Traversal.cs).
    private static void RecomputeInOrder(Value[]?[] order, int count)
    {
        for (var c = 0; c < ChunkCount(count); c++) RecomputeInOrder(Filled(order, c, count));
    }

    // The forward pass again, over a graph already in topological order: Forward.cs's formulas, as when it was built.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RecomputeInOrder(ReadOnlySpan<Value> order)
    {
        var now = Volatile.Read(ref s_edits);
        foreach (var v in order)
        {
            switch (v._op)
            {
                case Operation.Leaf:
                    continue;
                case Operation.Sum:
                    v._data = Total(Unsafe.As<SumNode>(v).Terms);
                    break;
                case Operation.Dot:
                    v._data = Unsafe.As<DotNode>(v).Total();
                    break;
                default:
                    var node = Unsafe.As<Node>(v);
                    var local = Forward.Evaluate(node._op, node.A._data, node.SecondOperand);
                    (node._data, node.LocalA, node.LocalB) = (local.Data, local.DA, local.DB);
                    break;
            }
            v._stamp = now;
            if (s_modes != 0 && AnomaliesOn && !double.IsFinite(v._data))
                throw AnomalyException.Forward(v._data, Modes.Name(v._op, v is Node n ? n.LocalB : 0), v.Children);
        }
    }

    /// <summary>
    /// What a picture of this graph would get wrong, and what to do about it: values left stale by an edited input,
    /// grads that hold several <see cref="Backward"/> calls, grads that are not one backward pass at all. Graph
    /// drawings show its <see cref="GraphReport.Note"/> under the picture.
    /// </summary>
    public GraphReport Inspect() => GraphReport.Of(this);

    /// <summary>
    /// A copy of this value's whole graph as it is now: same shape, labels, data, local derivatives and grads, and no
    /// value shared with the original. Keep it as a "before" picture: editing and recomputing the original leaves the
    /// copy as it was.
    /// </summary>
    public Value Snapshot()
    {
        var order = TopologicalOrder();
        var copies = new Dictionary<Value, Value>(order.Count, ReferenceEqualityComparer.Instance);
        foreach (var v in order)
        {
            Value copy = v switch
            {
                SumNode sum => new SumNode(v._data, [.. sum.Terms.Select(t => copies[t])]),
                DotNode dot => new DotNode(v._data, [.. dot.W.Select(w => copies[w])], [.. dot.X.Select(x => copies[x])], copies[dot.B]),
                Node n => new Node(v._data, v._op, copies[n.A], n.LocalA, n.B is null ? null : copies[n.B], n.LocalB),
                _ => new Value(v._data),
            };
            copy.Grad = v.Grad;
            copy._gradStale = v._gradStale;
            copy._stamp = v._stamp;
            if (v.Label is { } label) copy.Label = label;
            copies[v] = copy;
        }
        return copies[this];
    }

    // True when the operand changed after a value computed from it: the stamps, compared edge by edge.
    internal static bool ChangedAfter(Value operand, Value result) => operand._stamp - result._stamp > 0;

    // Whether any value in this topologically ordered graph was computed before one of its operands changed.
    private static bool IsStale(List<Value> order) => order.Any(v => v.Children.Any(c => ChangedAfter(c, v)));

    private static InvalidOperationException ComputedValueEdited(Value v)
    {
        var name = v.Label is { } label ? $"'{label}'" : $"This {v.Op} result";
        return new InvalidOperationException(
            $"{name} is computed by '{v.Op}' from its operands, so its Data cannot be set: it would no longer match them. " +
            "Change a leaf (an input or a parameter) instead, then call Recompute() on the output (Backward() recomputes for you).");
    }
}
