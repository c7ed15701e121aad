namespace ScalarAutograd;

// Functions of one value (and Σ). As in Value.Operators.cs: forward value, then its local derivative.
// Where the math is undefined the result is whatever IEEE arithmetic gives (NaN, ±Infinity), as in PyTorch.
public partial class Value
{
    /// <summary>this^k for a constant k. Local derivative: k · this^(k−1).</summary>
    public Value Pow(double k) =>
        Result(Math.Pow(Data, k), Operation.PowConstant, this, k * Math.Pow(Data, k - 1), b: null, localB: k);

    /// <summary>this^b where the exponent is a value too. Local derivatives: ∂/∂this = b · this^(b−1), ∂/∂b = this^b · ln(this).</summary>
    public Value Pow(Value b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var result = Math.Pow(Data, b.Data);
        // 0^b for b ≥ 0 does not move with b (PyTorch masks the 0·(−∞) = NaN the formula would give).
        var toExponent = Data == 0 && b.Data >= 0 ? 0.0 : result * Math.Log(Data);
        return Result(result, Operation.PowValue, this, b.Data * Math.Pow(Data, b.Data - 1), b, toExponent);
    }

    /// <summary>e^this. Local derivative: e^this (the result itself).</summary>
    public Value Exp()
    {
        var e = Math.Exp(Data);
        return Result(e, Operation.Exp, this, e);
    }

    /// <summary>ln(this). Local derivative: 1/this.</summary>
    public Value Log() => Result(Math.Log(Data), Operation.Log, this, 1.0 / Data);

    /// <summary>tanh(this). Local derivative: 1 − tanh².</summary>
    public Value Tanh()
    {
        var t = Math.Tanh(Data);
        return Result(t, Operation.Tanh, this, 1 - t * t);
    }

    /// <summary>max(0, this). Local derivative: 1 where the result is positive, else 0 (0 at 0, like micrograd).</summary>
    public Value Relu()
    {
        var r = Data < 0 ? 0.0 : Data; // NaN stays NaN
        return Result(r, Operation.Relu, this, r > 0 ? 1.0 : 0.0);
    }

    /// <summary>1 / (1 + e^−this). Local derivative: σ · (1 − σ).</summary>
    public Value Sigmoid()
    {
        var s = 1 / (1 + Math.Exp(-Data));
        return Result(s, Operation.Sigmoid, this, s * (1 - s));
    }

    /// <summary>Tests only: an operation with a local derivative of the caller's choosing (a wrong one, say).</summary>
    internal static Value WithLocalDerivativeForTests(double data, Value a, double local) => Result(data, Operation.Tanh, a, local);

    /// <summary>Σ of the values, as one node (not a chain of pairs). Local derivative: 1 for every term.</summary>
    /// <exception cref="ArgumentNullException">The sequence or one of its values is null.</exception>
    public static Value Sum(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SumOf([.. values]);
    }

    /// <summary>Σ over an array this node may keep (no copy): the neurons' hot path.</summary>
    internal static Value SumOf(Value[] terms)
    {
        var total = 0.0;
        for (var i = 0; i < terms.Length; i++)
        {
            if (terms[i] is null) throw new ArgumentNullException("values", $"The value at index {i} is null.");
            total += terms[i].Data;
        }
        if (s_modes != 0 && Modes.Apply(total, Operation.Sum, terms, 0)) return new Value(total);
        return new SumNode(total, terms);
    }

    // A Σ node keeps all its operands, and nothing else: 48 bytes plus its array (see Value.Node.cs for the others).
    private sealed class SumNode(double data, Value[] terms) : Value(data, Operation.Sum)
    {
        public readonly Value[] Terms = terms;
    }
}
