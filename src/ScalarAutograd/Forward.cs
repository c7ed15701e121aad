using System.Runtime.CompilerServices;

namespace ScalarAutograd;

/// <summary>One forward step: the result, and its local derivative with respect to each operand.</summary>
/// <param name="Data">The result.</param>
/// <param name="DA">∂result/∂a.</param>
/// <param name="DB">∂result/∂b for a binary operation; for <c>x^k</c> with a constant k, the exponent k.</param>
internal readonly record struct Local(double Data, double DA, double DB);

// Every operation's forward value and, right beside it, its local derivatives: what Backward() multiplies the
// result's Grad by (the chain rule). Building a graph and Recompute() both evaluate here, so each formula is written
// once; a compiled Tape (Tape.cs) replays through the same table. Where the math is undefined the result is
// whatever IEEE arithmetic gives (NaN, ±∞), as in PyTorch.
internal static class Forward
{
    /// <summary>Evaluates <paramref name="op"/> on operand data <paramref name="a"/> and <paramref name="b"/>
    /// (for <see cref="Operation.PowConstant"/>, <paramref name="b"/> is the exponent; unary operations ignore it).
    /// Recompute() comes here; the operators call their own line directly.</summary>
    // Inlined into its two callers, the tape's forward sweep and Recompute() (both optimized from the first call): the
    // switch then jumps straight to the inlined formula, with no call and no returned struct in memory.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Local Evaluate(Operation op, double a, double b) => op switch
    {
        Operation.Add => Add(a, b),
        Operation.Subtract => Subtract(a, b),
        Operation.Multiply => Multiply(a, b),
        Operation.Divide => Divide(a, b),
        Operation.Negate => Negate(a),
        Operation.PowConstant => PowConstant(a, b),
        Operation.PowValue => PowValue(a, b),
        Operation.Exp => Exp(a),
        Operation.Log => Log(a),
        Operation.Tanh => Tanh(a),
        Operation.Relu => Relu(a),
        Operation.Sigmoid => Sigmoid(a),
        Operation.ReluSlope => ReluSlope(a),
        Operation.PowSlopeBase => PowSlopeBase(a, b),
        Operation.PowSlopeExponent => PowSlopeExponent(a, b),
        _ => throw new InvalidOperationException($"{op} is not a one- or two-operand operation."),
    };

    //                                                    result      ∂/∂a   ∂/∂b
    public static Local Add(double a, double b) => new(a + b, 1, 1);

    public static Local Subtract(double a, double b) => new(a - b, 1, -1);

    public static Local Multiply(double a, double b) => new(a * b, b, a);

    // a / b: ∂/∂a = 1/b, ∂/∂b = −a/b², computed as −(a/b)/b so that b² cannot overflow (a = b = 1e-200 gives −1e200).
    public static Local Divide(double a, double b)
    {
        var q = a / b;
        return new(q, 1 / b, -q / b);
    }

    public static Local Negate(double a) => new(-a, -1, 0);

    // a^k for a constant k: ∂/∂a = k·a^(k−1). The exponent rides along as DB, so Recompute() finds it again.
    public static Local PowConstant(double a, double k) => new(Math.Pow(a, k), PowerRule(a, k), k);

    // a^b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a. 0^b for b ≥ 0 does not move with b (PyTorch masks the 0·(−∞) = NaN).
    public static Local PowValue(double a, double b)
    {
        var result = Math.Pow(a, b);
        return new(result, PowerRule(a, b), a == 0 && b >= 0 ? 0 : result * Math.Log(a));
    }

    // d/da a^k = k·a^(k−1); exactly 0 for k = 0 (PyTorch masks it: a constant has no slope, even at a = 0 or NaN).
    private static double PowerRule(double a, double k) => k == 0 ? 0 : k * Math.Pow(a, k - 1);

    // e^a: its own derivative.
    public static Local Exp(double a)
    {
        var e = Math.Exp(a);
        return new(e, e, 0);
    }

    // ln a: ∂/∂a = 1/a.
    public static Local Log(double a) => new(Math.Log(a), 1 / a, 0);

    // tanh a: ∂/∂a = 1 − tanh².
    public static Local Tanh(double a)
    {
        var t = Math.Tanh(a);
        return new(t, 1 - t * t, 0);
    }

    // max(0, a): ∂/∂a = 1 where the result is positive, else 0 (0 at 0, like micrograd). NaN stays NaN.
    public static Local Relu(double a)
    {
        var r = a < 0 ? 0.0 : a;
        return new(r, r > 0 ? 1 : 0, 0);
    }

    // σ(a) = 1 / (1 + e^−a): ∂/∂a = σ·(1 − σ).
    public static Local Sigmoid(double a)
    {
        var s = 1 / (1 + Math.Exp(-a));
        return new(s, s * (1 - s), 0);
    }

    // The local derivatives above that branch on the data, as operations of their own: Derivative() builds them into
    // its graph, so an edited input takes the other branch on Recompute() exactly as a freshly built derivative would.
    // Each one's value is the number the forward pass stores; its own slopes are written so that Derivative() can
    // build them from Values with the very same arithmetic (Value.HigherOrder.cs).

    // ReLU's slope, a step: 1 where relu(a) > 0, else 0 (NaN: 0). Flat, so its own slope is 0.
    public static Local ReluSlope(double a) => new(Relu(a).DA, 0, 0);

    // ∂(a^b)/∂a = b·a^(b−1) (0 for b = 0). Its slopes: ∂/∂a = b·[(b−1)·a^(b−2)], ∂/∂b = a^(b−1) + b·[a^(b−1)·ln a].
    public static Local PowSlopeBase(double a, double b) =>
        new(PowValue(a, b).DA, b * PowerRule(a, b - 1), Math.Pow(a, b - 1) + b * PowValue(a, b - 1).DB);

    // ∂(a^b)/∂b = a^b·ln a (0 where a = 0, b ≥ 0). Its slopes: ∂/∂a = b·[a^(b−1)·ln a] + a^(b−1), ∂/∂b = it·ln a.
    public static Local PowSlopeExponent(double a, double b)
    {
        var slope = PowValue(a, b).DB;
        return new(slope, b * PowValue(a, b - 1).DB + Math.Pow(a, b - 1), slope * Math.Log(a));
    }
}
