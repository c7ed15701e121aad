namespace ScalarAutograd;

// Backprop as a sequence of pictures: the same pass as Backward(), recorded one local step at a time.
public partial class Value
{
    /// <summary>The largest graph <see cref="BackwardSteps"/> records (each frame keeps every grad).</summary>
    public const int MaxTracedValues = 2_000;

    /// <summary>
    /// Runs <see cref="Backward"/> one value at a time and records a frame after each local step: which value's
    /// local backward ran, which operands it fed, and every grad so far (null where backward has not reached the
    /// value yet). The frames show this pass from zeroed grads, so calling it twice records the same frames;
    /// afterwards the grads are exactly what one <see cref="Backward"/> call leaves (leaves accumulate, as there).
    /// </summary>
    /// <exception cref="ArgumentException">The graph has more than <see cref="MaxTracedValues"/> values.</exception>
    public BackwardTrace BackwardSteps()
    {
        lock (s_walking) return RecordBackwardSteps(); // grads change step by step: no other walk in between
    }

    private BackwardTrace RecordBackwardSteps()
    {
        var values = TopologicalOrder();
        if (values.Count > MaxTracedValues)
            throw new ArgumentException(
                $"BackwardSteps records graphs of up to {MaxTracedValues:N0} values; this one has {values.Count:N0}. Step through a smaller part of it.");

        if (IsStale(values)) RecomputeInOrder(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values)); // as Backward does
        var index = new Dictionary<Value, int>(values.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < values.Count; i++) index[values[i]] = i;
        var reached = new bool[values.Count];

        // The frames show this pass alone, from zeroed grads, so stepping through twice shows the same frames.
        // Afterwards the leaves hold what they held plus this pass: exactly what one Backward() leaves.
        var held = values.Select(v => v.IsLeaf ? v.Grad : 0).ToArray();
        foreach (var v in values) v.Grad = 0;
        Grad = 1;
        reached[index[this]] = true;

        var frames = new List<BackwardFrame>(values.Count);
        for (var i = values.Count - 1; i >= 0; i--)
        {
            var node = values[i];
            node.LocalBackward();
            if (s_modes != 0 && AnomaliesOn) Modes.CheckBackward(node);
            var fed = node.Children;
            foreach (var child in fed) reached[index[child]] = true;
            var grads = new double?[values.Count];
            for (var j = 0; j < grads.Length; j++) grads[j] = reached[j] ? values[j].Grad : null;
            frames.Add(new BackwardFrame(frames.Count, node, fed, grads));
        }
        for (var i = 0; i < values.Count; i++) values[i].Grad += held[i];
        return new BackwardTrace(this, values, frames);
    }
}
