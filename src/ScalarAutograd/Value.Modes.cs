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
    /// <exception cref="InvalidOperationException">On Dispose, when the scope is not the innermost one open where it is
    /// disposed (another thread, or after the awaited method that opened it returned): nothing changes then.</exception>
    public static IDisposable NoGrad() => new Scope(noGrad: true, nameof(NoGrad));

    /// <summary>
    /// Within the returned scope, the first NaN or ±∞ produced in this flow of execution — by an operation in the forward pass,
    /// or passed to an operand in <see cref="Backward"/> — throws an <see cref="AnomalyException"/> that names the
    /// operation, its operands and the path to the nearest labelled values.
    /// </summary>
    /// <exception cref="InvalidOperationException">On Dispose, when the scope is not the innermost one open where it is
    /// disposed (see <see cref="NoGrad"/>).</exception>
    public static IDisposable DetectAnomalies() => new Scope(noGrad: false, nameof(DetectAnomalies));

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

    private static bool AnomaliesOn => s_anomalyDetection || Scope.IsOn(noGrad: false);

    private static class Modes
    {
        // Called for every new operation result while some mode is on somewhere. True: record no operands.
        public static bool Apply(double data, Operation op, Value[] operands, double exponent)
        {
            if (AnomaliesOn && !double.IsFinite(data)) throw AnomalyException.Forward(data, Name(op, exponent), operands);
            return Scope.IsOn(noGrad: true);
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

    // A NoGrad or DetectAnomalies scope. The innermost one open in a flow of execution is in an AsyncLocal rather
    // than a [ThreadStatic]: a scope must survive an await (notebook cells are async) and must not leak onto whichever
    // pool thread runs the code after it. Each scope remembers the one it was opened in, so closing it restores what
    // was on before. Closing it where it is not open (a thread that did not start inside it, or after the awaited
    // method that opened it returned, whose flow took the scope with it) is refused: it would switch another flow's
    // mode. A task or thread started inside it inherits the scope (its mode is on there too) but cannot close it: it
    // would switch the mode off under the opener's feet. .NET cannot tell a forked flow from the opener's own flow
    // resumed after an await, so the scope remembers the thread and task it was opened in. On the default scheduler an
    // await resumes outside any task (on the pool, or inline), or on a synchronization context's own threads; a pool
    // thread running a task other than the opener's (Task.Run, Parallel.For) or a thread of its own with no context
    // (new Thread) is a flow started inside the scope, and is refused. (A bare ThreadPool.QueueUserWorkItem looks like
    // an await's continuation and is not caught.)
    private sealed class Scope : IDisposable
    {
        public static readonly AsyncLocal<Scope?> Innermost = new();

        private readonly Scope? _outer;
        private readonly bool _noGrad;
        private readonly string _name;
        private readonly int _thread = Environment.CurrentManagedThreadId;
        private readonly int? _task = Task.CurrentId;
        private volatile bool _closed;

        public Scope(bool noGrad, string name)
        {
            _outer = Innermost.Value;
            (_noGrad, _name) = (noGrad, name);
            Innermost.Value = this;
            Interlocked.Increment(ref s_modes);
        }

        // Whether an open no-grad (or anomaly) scope encloses the code running now.
        public static bool IsOn(bool noGrad)
        {
            for (var s = Innermost.Value; s is not null; s = s._outer)
            {
                if (s._noGrad == noGrad && !s._closed) return true;
            }
            return false;
        }

        public void Dispose()
        {
            if (_closed) return; // disposing twice closes the scope once
            if (Innermost.Value != this) throw NotInnermost();
            if (StartedInside()) throw ForkedFlow();
            Innermost.Value = _outer;
            _closed = true;
            GC.SuppressFinalize(this);
            Interlocked.Decrement(ref s_modes);
        }

        // A scope that can no longer be closed (its flow ended without disposing it) stops costing the fast path.
        ~Scope()
        {
            if (!_closed) Interlocked.Decrement(ref s_modes);
        }

        // Whether the code disposing runs in a task or thread that was started inside this scope (see above).
        private bool StartedInside()
        {
            var pool = Thread.CurrentThread.IsThreadPoolThread;
            if (Task.CurrentId is { } task)
                return task != _task && pool && TaskScheduler.Current == TaskScheduler.Default; // Task.Run, Parallel.For
            return Environment.CurrentManagedThreadId != _thread && !pool && SynchronizationContext.Current is null; // new Thread
        }

        private InvalidOperationException ForkedFlow() => new(
            $"This Value.{_name}() scope is being disposed on another thread (a task or thread started inside it): it belongs to " +
            $"the flow that opened it, and is still open there. Nothing changed. Dispose it where it was opened, e.g. " +
            $"using (Value.{_name}()) {{ … }} around the work in one method.");

        private InvalidOperationException NotInnermost()
        {
            var open = false;
            for (var s = Innermost.Value; s is not null; s = s._outer) open |= s == this;
            return new InvalidOperationException(open
                ? $"A scope opened inside this Value.{_name}() scope is still open: dispose scopes innermost first (nested using blocks do)."
                : $"This Value.{_name}() scope is not open where it is being disposed: it was opened on another thread, or in an " +
                  "awaited method whose flow of execution ended when it returned. Dispose it where it was opened, e.g. " +
                  $"using (Value.{_name}()) {{ … }} around the work in one method.");
        }
    }
}
