namespace ScalarAutograd;

// Opt-in modes: no-grad (compute values without recording a graph) and anomaly detection (stop at the first NaN or
// ±∞). Both are off by default and then cost one read of a static counter per operation.
public partial class Value
{
    // How many no-grad or anomaly scopes are open on any thread, plus 1 while the global anomaly switch is on.
    private static int s_modes;
    private static bool s_anomalyDetection;

    /// <summary>
    /// Within the returned scope, operations in this flow of execution (this thread, and the code it awaits) record no graph: each result is a leaf with the right
    /// <see cref="Data"/> and no operands, as in PyTorch's <c>torch.no_grad()</c>. For evaluating a model where no
    /// gradient is needed (a decision boundary, a validation score): faster, and nothing is kept alive.
    /// </summary>
    /// <example><code>using (Value.NoGrad()) { var score = model.Forward(x)[0]; }</code></example>
    public static IDisposable NoGrad() => new Scope(Modes.NoGradDepth);

    /// <summary>
    /// Within the returned scope, the first NaN or ±∞ produced in this flow of execution — by an operation in the forward pass,
    /// or passed to an operand in <see cref="Backward"/> — throws an <see cref="AnomalyException"/> that names the
    /// operation, its operands and the path to the nearest labelled values.
    /// </summary>
    public static IDisposable DetectAnomalies() => new Scope(Modes.AnomalyDepth);

    /// <summary>Anomaly detection on every thread, until switched off (see <see cref="DetectAnomalies"/>).</summary>
    public static bool AnomalyDetection
    {
        get => s_anomalyDetection;
        set
        {
            if (value == s_anomalyDetection) return;
            s_anomalyDetection = value;
            Interlocked.Add(ref s_modes, value ? 1 : -1);
        }
    }

    /// <summary>A leaf with the same <see cref="Data"/>: gradient does not flow back through it.</summary>
    public Value Detach() => new(Data);

    private static bool AnomaliesOn => s_anomalyDetection || Modes.AnomalyDepth.Value > 0;

    private static class Modes
    {
        // AsyncLocal rather than [ThreadStatic]: a scope must survive an await (notebook cells are async) and must
        // not leak onto whichever pool thread runs the code after it.
        public static readonly AsyncLocal<int> NoGradDepth = new();
        public static readonly AsyncLocal<int> AnomalyDepth = new();

        // Called for every new operation result while some mode is on somewhere. True: record no operands.
        public static bool Apply(double data, Operation op, Value[] operands, double exponent)
        {
            if (AnomaliesOn && !double.IsFinite(data)) throw AnomalyException.Forward(data, Name(op, exponent), operands);
            return NoGradDepth.Value > 0;
        }

        // In backward: after a value passed gradient on, every operand's grad must still be a number.
        public static void CheckBackward(Value node)
        {
            var operands = node.Children;
            for (var i = 0; i < operands.Count; i++)
            {
                if (!double.IsFinite(operands[i].Grad))
                    throw AnomalyException.Backward(node, Name(node._op, node is Node n ? n.LocalB : 0), operands[i], node.LocalDerivatives[i]);
            }
        }

        public static string Name(Operation op, double exponent) =>
            op == Operation.PowConstant ? $"Pow ({Symbol(op, exponent)})" : op.ToString();
    }

    private sealed class Scope : IDisposable
    {
        private AsyncLocal<int>? _depth;

        public Scope(AsyncLocal<int> depth)
        {
            depth.Value++;
            Interlocked.Increment(ref s_modes);
            _depth = depth;
        }

        public void Dispose()
        {
            if (_depth is null) return; // disposing twice closes the scope once
            _depth.Value--;
            _depth = null;
            Interlocked.Decrement(ref s_modes);
        }
    }
}
