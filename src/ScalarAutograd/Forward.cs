using System.Runtime.CompilerServices;

namespace ScalarAutograd;

/// <summary>One forward step: the result, and its local derivative with respect to each operand.</summary>
/// <param name="Data">The result.</param>
/// <param name="DA">∂result/∂a.</param>
/// <param name="DB">∂result/∂b for a binary operation; for <c>x^k</c> with a constant k, the exponent k.</param>
internal readonly record struct Local(double Data, double DA, double DB);

// Every operation's forward value and, right beside it, its local derivatives: what Backward() multiplies the
// result's Grad by (the chain rule). Building a graph and Recompute() both evaluate here, so each formula is written
// once. Where the math is undefined the result is whatever IEEE arithmetic gives (NaN, ±∞), as in PyTorch.
internal static class Forward
{
    /// <summary>Evaluates <paramref name="op"/> on operand data <paramref name="a"/> and <paramref name="b"/>
    /// (for <see cref="Operation.PowConstant"/>, <paramref name="b"/> is the exponent; unary operations ignore it).</summary>
    // Inlined into each operator, where op is a constant: the JIT keeps only that operation's line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Local Evaluate(Operation op, double a, double b) => op switch
    {
        //                         result      ∂/∂a   ∂/∂b
        Operation.Add => new(a + b, 1, 1),
        Operation.Subtract => new(a - b, 1, -1),
        Operation.Multiply => new(a * b, b, a),
        Operation.Divide => Divide(a, b),
        Operation.Negate => new(-a, -1, 0),
        Operation.PowConstant => new(Math.Pow(a, b), PowerRule(a, b), b),
        Operation.PowValue => PowValue(a, b),
        Operation.Exp => Exp(a),
        Operation.Log => new(Math.Log(a), 1 / a, 0),
        Operation.Tanh => Tanh(a),
        Operation.Relu => Relu(a),
        Operation.Sigmoid => Sigmoid(a),
        _ => throw new InvalidOperationException($"{op} is not a one- or two-operand operation."),
    };

    // a / b: ∂/∂a = 1/b, ∂/∂b = −a/b², computed as −(a/b)/b so that b² cannot overflow (a = b = 1e-200 gives −1e200).
    private static Local Divide(double a, double b)
    {
        var q = a / b;
        return new(q, 1 / b, -q / b);
    }

    // d/da a^k = k·a^(k−1); exactly 0 for k = 0 (PyTorch masks it: a constant has no slope, even at a = 0 or NaN).
    private static double PowerRule(double a, double k) => k == 0 ? 0 : k * Math.Pow(a, k - 1);

    // a^b: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a. 0^b for b ≥ 0 does not move with b (PyTorch masks the 0·(−∞) = NaN).
    private static Local PowValue(double a, double b)
    {
        var result = Math.Pow(a, b);
        return new(result, PowerRule(a, b), a == 0 && b >= 0 ? 0 : result * Math.Log(a));
    }

    // e^a: its own derivative.
    private static Local Exp(double a)
    {
        var e = Math.Exp(a);
        return new(e, e, 0);
    }

    // tanh a: ∂/∂a = 1 − tanh².
    private static Local Tanh(double a)
    {
        var t = Math.Tanh(a);
        return new(t, 1 - t * t, 0);
    }

    // max(0, a): ∂/∂a = 1 where the result is positive, else 0 (0 at 0, like micrograd). NaN stays NaN.
    private static Local Relu(double a)
    {
        var r = a < 0 ? 0.0 : a;
        return new(r, r > 0 ? 1 : 0, 0);
    }

    // σ(a) = 1 / (1 + e^−a): ∂/∂a = σ·(1 − σ).
    private static Local Sigmoid(double a)
    {
        var s = 1 / (1 + Math.Exp(-a));
        return new(s, s * (1 - s), 0);
    }
}
