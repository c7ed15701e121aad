using System.Globalization;
using System.Runtime.CompilerServices;

namespace ScalarAutograd;

/// <summary>
/// A scalar in a computation graph: its <see cref="Data"/>, the <see cref="Grad"/> that <see cref="Backward"/> fills in,
/// and the operation and operands that produced it. This is micrograd's <c>Value</c>, in C#.
/// </summary>
/// <remarks>
/// Each operation computes its result and, right beside it, the local derivative of the result with respect to
/// each operand (see <c>Value.Operators.cs</c> and <c>Value.Functions.cs</c>). <see cref="Backward"/> then only has to
/// apply the chain rule: <c>operand.Grad += local · Grad</c>. Graphs on different threads may share values: walks of
/// them (<see cref="Backward"/>, <see cref="TopologicalOrder"/>, …) take turns (Value.Traversal.cs).
/// </remarks>
public partial class Value
{
    // Labels are rare (lecture graphs) while nodes are many (training builds ~40,000 per step), so labels live in a
    // side table instead of a field: every unlabelled node is 8 bytes smaller.
    private static readonly ConditionalWeakTable<Value, string> Labels = new();

    // A leaf holds just these; an operation's result is a Node (Value.Node.cs) that adds its operands and their
    // local derivatives, and a Σ is a SumNode with its terms: each kind of value carries only the fields it uses.
    private readonly Operation _op;
    private bool _visited; // traversal mark: cheaper than a HashSet of visited nodes
    private double _data;
    private int _stamp; // when this value was computed or (a leaf) last edited: see Value.Recompute.cs
    private double _grad;
    private bool _gradStale; // a grad from before Recompute() changed the numbers: see Value.Recompute.cs

    /// <summary>A leaf value: an input, a parameter or a constant.</summary>
    /// <param name="data">The number this value holds.</param>
    /// <param name="label">An optional name shown in graphs and in <see cref="ToString"/>.</param>
    public Value(double data, string? label = null)
    {
        _data = data;
        _stamp = s_edits;
        if (label is not null) Labels.Add(this, label);
    }

    private Value(double data, Operation op)
    {
        _data = data;
        _op = op;
        _stamp = s_edits;
    }

    /// <summary>
    /// The number this value holds. A leaf's Data can be set (an optimizer updates parameters in place; a learner
    /// edits an input): values computed from it are then out of date until <see cref="Recompute"/> or
    /// <see cref="Backward"/> (which recomputes first) runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">Setting the Data of a value an operation computed.</exception>
    public double Data
    {
        get => _data;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // an optimizer sets every parameter each step
        set
        {
            if (_op != Operation.Leaf) throw ComputedValueEdited(this);
            _data = value;
            _stamp = Interlocked.Increment(ref s_edits); // newer than every value computed from it so far
        }
    }

    /// <summary>
    /// ∂output/∂this, filled in by <see cref="Backward"/>. Zero until then. A grad that was there when
    /// <see cref="Recompute"/> brought new numbers is from before the edit: <see cref="Inspect"/> and the drawings mark
    /// it stale until it is written again (by a backward pass, <see cref="ZeroGrad"/> or by hand).
    /// </summary>
    public double Grad
    {
        get => _grad;
        set
        {
            _grad = value;
            _gradStale = false;
        }
    }

    // Whether Grad is from before the last Recompute() that changed this graph's numbers (GraphReport reads it).
    internal bool GradIsStale => _gradStale;

    /// <summary>An optional name, shown in graphs and in <see cref="ToString"/>.</summary>
    public string? Label
    {
        get => Labels.TryGetValue(this, out var label) ? label : null;
        set
        {
            if (value is null) Labels.Remove(this);
            else Labels.AddOrUpdate(this, value);
        }
    }

    /// <summary>The operation that produced this value (<c>+</c>, <c>*</c>, <c>tanh</c>, …); empty for a leaf.</summary>
    public string Op => Symbol(_op, this is Node n ? n.LocalB : 0);

    private static string Symbol(Operation op, double exponent) => op switch
    {
        Operation.Leaf => "",
        Operation.Add => "+",
        Operation.Subtract => "-",
        Operation.Multiply => "*",
        Operation.Divide => "/",
        Operation.Negate => "neg",
        Operation.PowConstant => "^" + exponent.ToString("R", CultureInfo.InvariantCulture),
        Operation.PowValue => "pow",
        Operation.Exp => "exp",
        Operation.Log => "log",
        Operation.Tanh => "tanh",
        Operation.Relu => "ReLU",
        Operation.Sigmoid => "sigmoid",
        Operation.Sum => "Σ",
        Operation.ReluSlope => "ReLU'",
        Operation.PowSlopeBase => "∂pow/∂a",
        Operation.PowSlopeExponent => "∂pow/∂b",
        Operation.Dot => "Σw·x+b",
        _ => throw new InvalidOperationException($"Unknown operation {op}."),
    };

    /// <summary>True for inputs, parameters and constants: values no operation produced.</summary>
    public bool IsLeaf => _op == Operation.Leaf;

    /// <summary>The operands this value was computed from, in order; <c>a + a</c> lists <c>a</c> twice.</summary>
    public IReadOnlyList<Value> Children => _op switch
    {
        Operation.Leaf => [],
        Operation.Sum => Array.AsReadOnly(((SumNode)this).Terms),
        Operation.Dot => DotNode.Operands(((DotNode)this).W, ((DotNode)this).X, ((DotNode)this).B),
        _ when ((Node)this).B is null => [((Node)this).A],
        _ => [((Node)this).A, ((Node)this).B!],
    };

    /// <summary>
    /// ∂this/∂<see cref="Children"/>[i] for each operand: what backward multiplies this value's <see cref="Grad"/> by
    /// before adding it to operand i's. One rule: they are the derivatives of the value's last computation — when the
    /// graph was built, refreshed by <see cref="Recompute"/> (which <see cref="Backward"/>, <see cref="Derivative"/>
    /// and <see cref="BackwardSteps"/> run first when an input changed). After an edit and before a recompute they
    /// are as stale as <see cref="Data"/> (<see cref="Inspect"/> says so).
    /// </summary>
    public IReadOnlyList<double> LocalDerivatives => _op switch
    {
        Operation.Leaf => [],
        Operation.Sum => Array.AsReadOnly(Enumerable.Repeat(1.0, ((SumNode)this).Terms.Length).ToArray()),
        Operation.Dot => Array.AsReadOnly(Enumerable.Range(0, ((DotNode)this).OperandCount).Select(((DotNode)this).Local).ToArray()),
        _ when ((Node)this).B is null => [((Node)this).LocalA],
        _ => [((Node)this).LocalA, ((Node)this).LocalB],
    };

    /// <summary>A constant becomes a leaf value, so <c>2 * x + 1</c> compiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static implicit operator Value(double data) => new(data);

    /// <summary><c>Value(data=…, grad=…)</c> as micrograd prints it, with the label first when there is one.</summary>
    public override string ToString()
    {
        var label = Label;
        var prefix = label is null ? "" : $"label={label}, ";
        return $"Value({prefix}data={Format(Data)}, grad={Format(Grad)})";
    }

    // Python's repr of a float: 2.0 rather than 2, so the text matches what micrograd users know.
    private static string Format(double x)
    {
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(x) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }
}
