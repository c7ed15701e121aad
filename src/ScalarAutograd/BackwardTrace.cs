namespace ScalarAutograd;

/// <summary>
/// A recording of one backward pass, node by node: what <see cref="Value.BackwardSteps"/> returns. Frame k is the
/// state just after the k-th value's local backward ran, in the order <see cref="Value.Backward"/> visits them.
/// </summary>
public sealed class BackwardTrace
{
    private readonly Dictionary<Value, int> _index = new(ReferenceEqualityComparer.Instance);

    internal BackwardTrace(Value output, IReadOnlyList<Value> values, IReadOnlyList<BackwardFrame> frames)
    {
        Output = output;
        Values = values;
        Frames = frames;
        for (var i = 0; i < values.Count; i++) _index[values[i]] = i;
    }

    /// <summary>The value backward started from.</summary>
    public Value Output { get; }

    /// <summary>Every value in the graph, operands before results (<see cref="Value.TopologicalOrder()"/>).</summary>
    public IReadOnlyList<Value> Values { get; }

    /// <summary>One frame per value, in the order backward visits them (the output first).</summary>
    public IReadOnlyList<BackwardFrame> Frames { get; }

    /// <summary>The position of <paramref name="value"/> in <see cref="Values"/> (and in each frame's <see cref="BackwardFrame.Grads"/>).</summary>
    /// <exception cref="ArgumentException">The value is not part of this graph.</exception>
    public int IndexOf(Value value) =>
        _index.TryGetValue(value, out var i) ? i : throw new ArgumentException("That value is not part of this graph.", nameof(value));
}

/// <summary>The state of a backward pass just after one value's local backward ran.</summary>
/// <param name="Step">0 for the output's own step, then 1, 2, …</param>
/// <param name="Node">The value whose <see cref="Value.LocalBackward"/> just ran.</param>
/// <param name="Fed">The operands it passed gradient to (empty for a leaf).</param>
/// <param name="Grads">Every value's grad at this point, aligned with <see cref="BackwardTrace.Values"/>; null where
/// backward has not reached the value yet.</param>
public sealed record BackwardFrame(int Step, Value Node, IReadOnlyList<Value> Fed, IReadOnlyList<double?> Grads);
