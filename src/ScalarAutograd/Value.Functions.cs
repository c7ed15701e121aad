using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Functions of one value (and Σ). As in Value.Operators.cs: the formulas live side by side in Forward.cs.
public partial class Value
{
    /// <summary>this^k for a constant k. Local derivative: k · this^(k−1) (exactly 0 for k = 0).</summary>
    public Value Pow(double k) => Result(Forward.PowConstant(Data, k), Operation.PowConstant, this);

    /// <summary>this^b where the exponent is a value too. Local derivatives: ∂/∂this = b · this^(b−1), ∂/∂b = this^b · ln(this).</summary>
    public Value Pow(Value b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return Result(Forward.PowValue(Data, b._data), Operation.PowValue, this, b);
    }

    /// <summary>e^this. Local derivative: e^this (the result itself).</summary>
    public Value Exp() => Result(Forward.Exp(Data), Operation.Exp, this);

    /// <summary>ln(this). Local derivative: 1/this.</summary>
    public Value Log() => Result(Forward.Log(Data), Operation.Log, this);

    /// <summary>tanh(this). Local derivative: 1 − tanh².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Value Tanh() => Result(Forward.Tanh(Data), Operation.Tanh, this);

    /// <summary>max(0, this). Local derivative: 1 where the result is positive, else 0 (0 at 0, like micrograd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Value Relu() => Result(Forward.Relu(Data), Operation.Relu, this);

    /// <summary>1 / (1 + e^−this). Local derivative: σ · (1 − σ).</summary>
    public Value Sigmoid() => Result(Forward.Sigmoid(Data), Operation.Sigmoid, this);

    /// <summary>Tests only: an operation with a local derivative of the caller's choosing (a wrong one, say).</summary>
    internal static Value WithLocalDerivativeForTests(double data, Value a, double local) =>
        new Node(data, Operation.Tanh, a, local, null, 0);

    /// <summary>Σ of the values, as one node (not a chain of pairs). Local derivative: 1 for every term.</summary>
    /// <exception cref="ArgumentNullException">The sequence or one of its values is null.</exception>
    public static Value Sum(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SumOf([.. values]);
    }

    /// <summary>Σ over an array this node may keep (no copy): the neurons' hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Value SumOf(Value[] terms)
    {
        var total = Total(terms);
        if (s_modes != 0 && Modes.Apply(total, Operation.Sum, terms, 0)) return new Value(total);
        return new SumNode(total, terms);
    }

    // Σ's forward value; its local derivative is 1 for every term, so nothing else is stored.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Total(Value[] terms)
    {
        var total = 0.0;
        for (var i = 0; i < terms.Length; i++)
            total += (terms[i] ?? throw new ArgumentNullException("values", $"The value at index {i} is null."))._data;
        return total;
    }

    // A Σ node keeps all its operands, and nothing else: 48 bytes plus its array (see Value.Node.cs for the others).
    private sealed class SumNode(double data, Value[] terms) : Value(data, Operation.Sum)
    {
        public readonly Value[] Terms = terms;
    }
}
