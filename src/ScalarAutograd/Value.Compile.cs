namespace ScalarAutograd;

// Compiling a graph into a Tape (Tape.cs): its values flattened into arrays in topological order.
public partial class Value
{
    /// <summary>
    /// Flattens this value's graph into a <see cref="Tape"/> that replays it: <c>tape.Forward()</c> recomputes it
    /// from the leaves' current data, <c>tape.Backward()</c> adds ∂this/∂leaf into each leaf's grad, with no graph
    /// built and nothing allocated per step.
    /// </summary>
    /// <param name="parameters">Optional: the leaves you will train (e.g. <c>model.Parameters()</c>). Each must be
    /// part of this graph; one that is not would never receive a gradient, so it is an error here.</param>
    /// <exception cref="InvalidOperationException">This value is a leaf (no operation to replay: was it computed under <see cref="NoGrad"/>?).</exception>
    /// <exception cref="ArgumentException">A parameter is not a leaf of this graph.</exception>
    public Tape Compile(IEnumerable<Value>? parameters = null)
    {
        if (IsLeaf)
        {
            throw new InvalidOperationException(
                $"{Describe(this)} is a leaf: there is no operation to replay. Compile the output of a computation (built outside Value.NoGrad()).");
        }
        var values = TopologicalOrder().ToArray();
        var slots = new Dictionary<Value, int>(values.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < values.Length; i++) slots[values[i]] = i;
        CheckReachable(parameters, slots);

        var leaves = new List<int>();
        var steps = new List<Tape.Step>();
        var terms = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case SumNode sum:
                    steps.Add(new Tape.Step { Op = Operation.Sum, Slot = i, A = terms.Count, B = sum.Terms.Length });
                    terms.AddRange(sum.Terms.Select(t => slots[t]));
                    break;
                case DotNode dot:
                    steps.Add(new Tape.Step { Op = Operation.Dot, Slot = i, A = terms.Count, B = dot.OperandCount });
                    terms.AddRange(DotNode.Operands(dot.W, dot.X, dot.B).Select(t => slots[t]));
                    break;
                case Node n:
                    steps.Add(new Tape.Step { Op = n._op, Slot = i, A = slots[n.A], B = n.B is null ? -1 : slots[n.B], LocalA = n.LocalA, LocalB = n.LocalB });
                    break;
                default:
                    leaves.Add(i);
                    break;
            }
        }
        return new Tape(values, [.. leaves.Select(i => values[i])], [.. leaves], [.. steps], [.. terms], slots);
    }

    private static void CheckReachable(IEnumerable<Value>? parameters, Dictionary<Value, int> slots)
    {
        if (parameters is null) return;
        var index = 0;
        foreach (var p in parameters)
        {
            if (p is null) throw new ArgumentNullException(nameof(parameters), $"The parameter at index {index} is null.");
            if (!slots.ContainsKey(p))
            {
                throw new ArgumentException(
                    $"Parameter {index} ({Describe(p)}) is not part of this graph, so replaying it could never change its grad. " +
                    "Compile the loss computed from these parameters (the whole model's output), or leave the parameter out.", nameof(parameters));
            }
            index++;
        }
    }

    private static string Describe(Value v) => v.Label is { } label ? $"'{label}'" : $"Value(data={Format(v._data)})";

    internal static bool AnomalyModeOn => s_modes != 0 && AnomaliesOn;

    // Tape.Backward's last step: each leaf's grad += its gradient from the sweep. Under the walking lock, like
    // Backward(): another thread's graph may share these leaves.
    internal static void AddGrads(Value[] leaves, int[] slots, double[] grad)
    {
        lock (s_walking)
        {
            for (var i = 0; i < leaves.Length; i++) leaves[i].Grad += grad[slots[i]];
        }
    }

    // The leaf-edit clock now (see Value.Recompute.cs): a tape's numbers are as of the moment Forward read the leaves.
    internal static int EditClock() => Volatile.Read(ref s_edits);

    // Tape.WriteBack: the replayed numbers into the graph's values, stamped as of the forward pass that computed them,
    // so a leaf edited since makes them stale. No grads (null): the results' grads are 0, no pass having run on them.
    internal static void WriteBack(Value[] values, Tape.Step[] steps, double[] data, double[]? grad, int stamp)
    {
        foreach (var step in steps)
        {
            var v = values[step.Slot];
            v._data = data[step.Slot];
            v.Grad = grad is null ? 0 : grad[step.Slot];
            v._stamp = stamp;
            if (v is Node n) (n.LocalA, n.LocalB) = (step.LocalA, step.LocalB);
        }
    }

    internal static void ThrowForwardAnomaly(Value v) =>
        throw AnomalyException.Forward(v._data, Modes.Name(v._op, v is Node n ? n.LocalB : 0), v.Children);
}
