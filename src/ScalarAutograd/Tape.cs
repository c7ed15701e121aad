using System.Runtime.CompilerServices;

namespace ScalarAutograd;

/// <summary>
/// A graph flattened once into arrays, operands before results, and replayed step after step: <see cref="Forward"/>
/// reads the leaves' current <see cref="Value.Data"/> and recomputes every result and local derivative (with the same
/// formulas the graph was built with, Forward.cs), <see cref="Backward"/> sweeps once in reverse and adds the grads
/// into the leaves. Made by <see cref="Value.Compile"/>, for a graph whose shape is the same every step (a fixed
/// model and data set: ReLU and other branches change numbers, not the shape).
/// </summary>
/// <remarks>
/// Replay is fast because it skips everything eager training does besides the arithmetic: no graph is built (no
/// allocation, so no garbage to collect) and no ordering pass runs (the order is in the arrays). A step allocates
/// nothing. The graph's own values keep the numbers they were built with until <see cref="WriteBack"/>. A tape is
/// used by one thread at a time; the leaves it reads and writes may be shared.
/// </remarks>
/// <example><code>
/// var tape = loss.Compile(model.Parameters());
/// for (var k = 0; k &lt; 100; k++) { sgd.ZeroGrad(); tape.Forward(); tape.Backward(); sgd.Step(); }
/// </code></example>
public sealed class Tape
{
    private readonly Value[] _values;    // every value, operands before results; the output last
    private readonly Value[] _leaves;    // the values Forward reads and Backward writes grads into …
    private readonly int[] _leafSlots;   // … and their positions in _values, _data and _grad
    private readonly Step[] _steps;      // one per operation result, in order
    private readonly int[] _terms;       // the slots of Σ operands, one Σ after another
    private readonly double[] _data;
    private readonly double[] _grad;
    private readonly Dictionary<Value, int> _slots;
    private int _forwardStamp;   // the edit clock when Forward last read the leaves: what its numbers are as of …
    private int? _backwardStamp; // … and the one the last Backward's grads belong to (null: no Backward yet)
    private bool _forwardRan;

    // One operation: where its result goes, its operation and operands (slots; for Σ, a range of _terms; −1: none)
    // and its local derivatives as last computed.
    internal struct Step
    {
        public Operation Op;
        public int Slot, A, B;
        public double LocalA, LocalB; // for x^k with a constant k, LocalB is k (Forward.Evaluate's convention)
    }

    internal Tape(Value[] values, Value[] leaves, int[] leafSlots, Step[] steps, int[] terms, Dictionary<Value, int> slots)
    {
        (_values, _leaves, _leafSlots, _steps, _terms, _slots) = (values, leaves, leafSlots, steps, terms, slots);
        _data = new double[values.Length];
        _grad = new double[values.Length];
    }

    /// <summary>The values of the compiled graph, operands before results, the output last (as <see cref="Value.TopologicalOrder"/>).</summary>
    public IReadOnlyList<Value> Values => _values;

    /// <summary>The output's data after the last <see cref="Forward"/>.</summary>
    public double Output => _data[^1];

    /// <summary>
    /// The forward pass again, from the leaves' current <see cref="Value.Data"/>: every result and local derivative.
    /// Returns the output's new data. Allocates nothing.
    /// </summary>
    /// <exception cref="AnomalyException">In anomaly mode, a result became NaN or ±∞ (the graph then shows the replayed numbers).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Forward()
    {
        var data = _data;
        _forwardStamp = Value.EditClock(); // read before the leaves: an edit while copying counts as after
        _forwardRan = true;
        for (var i = 0; i < _leaves.Length; i++) data[_leafSlots[i]] = _leaves[i].Data;
        var terms = _terms;
        var steps = _steps;
        for (var i = 0; i < steps.Length; i++)
        {
            ref var step = ref steps[i];
            if (step.Op == Operation.Sum)
            {
                var total = 0.0; // Σ's forward value; its local derivative is 1 for every term
                for (var t = step.A; t < step.A + step.B; t++) total += data[terms[t]];
                data[step.Slot] = total;
                continue;
            }
            if (step.Op == Operation.Dot)
            {
                data[step.Slot] = DotForward(data, terms, step.A, step.B);
                continue;
            }
            var local = ScalarAutograd.Forward.Evaluate(step.Op, data[step.A], step.B < 0 ? step.LocalB : data[step.B]);
            data[step.Slot] = local.Data;
            step.LocalA = local.DA;
            step.LocalB = local.DB;
        }
        if (Value.AnomalyModeOn) CheckFinite();
        return data[^1];
    }

    /// <summary>
    /// One reverse sweep of the chain rule from the output (∂output/∂output = 1), then each leaf's
    /// <see cref="Value.Grad"/> += its gradient: leaves accumulate, as after <see cref="Value.Backward"/>. Call
    /// <see cref="Forward"/> first whenever a leaf changed. Allocates nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward()
    {
        var (data, grad) = (_data, _grad);
        Array.Clear(grad);
        grad[^1] = 1;
        var terms = _terms;
        var steps = _steps;
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            ref var step = ref steps[i];
            var g = grad[step.Slot];
            if (step.Op == Operation.Sum)
            {
                for (var t = step.A; t < step.A + step.B; t++) grad[terms[t]] += g; // ∂Σ/∂term = 1
                continue;
            }
            if (step.Op == Operation.Dot)
            {
                DotBackward(data, grad, terms, step.A, step.B, g);
                continue;
            }
            grad[step.A] += step.LocalA * g;
            if (step.B >= 0) grad[step.B] += step.LocalB * g;
        }
        Value.AddGrads(_leaves, _leafSlots, grad);
        _backwardStamp = _forwardStamp;
    }

    // Σ wᵢ·xᵢ + b over the slots w₀, x₀, w₁, x₁, …, b: the same sum in the same order as Value.Dot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotForward(double[] data, int[] terms, int start, int count)
    {
        var total = 0.0;
        var b = start + count - 1;
        for (var t = start; t < b; t += 2) total += data[terms[t]] * data[terms[t + 1]];
        return total + data[terms[b]];
    }

    // Its chain rule, in DotNode.Backward's order: b first, then the products from the last to the first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotBackward(double[] data, double[] grad, int[] terms, int start, int count, double g)
    {
        var b = start + count - 1;
        grad[terms[b]] += g;
        var g0 = 0.0 + g;
        for (var t = b - 2; t >= start; t -= 2)
        {
            int w = terms[t], x = terms[t + 1];
            grad[w] += data[x] * g0;
            grad[x] += data[w] * g0;
        }
    }

    /// <summary>The replayed data of <paramref name="value"/>, a value of the compiled graph (e.g. one sample's score).</summary>
    /// <exception cref="ArgumentException">The value is not part of the compiled graph.</exception>
    public double DataOf(Value value) => _data[SlotOf(value)];

    /// <summary>The replayed gradient ∂output/∂<paramref name="value"/> from the last <see cref="Backward"/> (one pass, not accumulated).</summary>
    /// <exception cref="ArgumentException">The value is not part of the compiled graph.</exception>
    public double GradOf(Value value) => _grad[SlotOf(value)];

    /// <summary>
    /// Copies the numbers of the last <see cref="Forward"/> into the graph's own values (data, local derivatives, and
    /// for operation results the grads of the last <see cref="Backward"/> when it ran on those numbers, else 0), so the
    /// graph can be drawn or read. They are marked as computed when that Forward read the leaves: a leaf edited since
    /// (<c>sgd.Step()</c>, <c>x.Data = 3</c>) leaves the graph stale, so a drawing says so and <see cref="Value.Backward"/>
    /// recomputes first. To draw the current numbers, call <c>tape.Forward()</c> right before.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="Forward"/> has run yet: the tape has no numbers to copy.</exception>
    public void WriteBack()
    {
        if (!_forwardRan)
            throw new InvalidOperationException("The tape has no numbers yet: call tape.Forward() before tape.WriteBack().");
        Value.WriteBack(_values, _steps, _data, _backwardStamp == _forwardStamp ? _grad : null, _forwardStamp);
    }

    private int SlotOf(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _slots.TryGetValue(value, out var slot) ? slot
            : throw new ArgumentException("That value is not part of the compiled graph: compile the value you want to replay.", nameof(value));
    }

    private void CheckFinite()
    {
        foreach (var step in _steps)
        {
            if (double.IsFinite(_data[step.Slot])) continue;
            WriteBack();
            Value.ThrowForwardAnomaly(_values[step.Slot]);
        }
    }
}
