using CsCheck;

namespace ScalarAutograd.Tests;

/// <summary>Every operation's gradient against central finite differences, on generated inputs.</summary>
public class OperationGradientTests
{
    private static void CheckUnary(Func<Value, Value> op, Func<double, double> f, Gen<double> inputs)
    {
        inputs.Sample(x =>
        {
            var v = new Value(x);
            var y = op(v);
            y.Backward();
            Assert.Equal(f(x), y.Data, 1e-12);
            Numerical.AssertClose(Numerical.Slope(f, x), v.Grad, what: $"x = {x:R}");
        }, iter: 500);
    }

    private static void CheckBinary(Func<Value, Value, Value> op, Func<double, double, double> f, Gen<double> left, Gen<double> right)
    {
        Gen.Select(left, right).Sample((x, y) =>
        {
            var a = new Value(x);
            var b = new Value(y);
            var z = op(a, b);
            z.Backward();
            Numerical.AssertClose(Numerical.Slope(t => f(t, y), x), a.Grad, what: $"∂/∂a at ({x:R}, {y:R})");
            Numerical.AssertClose(Numerical.Slope(t => f(x, t), y), b.Grad, what: $"∂/∂b at ({x:R}, {y:R})");
        }, iter: 500);
    }

    private static readonly Gen<double> Any = Gen.Double[-10, 10];
    private static readonly Gen<double> Positive = Gen.Double[1e-3, 20];
    private static readonly Gen<double> AwayFromZero = Gen.Select(Gen.Double[1e-3, 10], Gen.Bool).Select((m, neg) => neg ? -m : m);

    [Fact] public void Add() => CheckBinary((a, b) => a + b, (x, y) => x + y, Any, Any);
    [Fact] public void Subtract() => CheckBinary((a, b) => a - b, (x, y) => x - y, Any, Any);
    [Fact] public void Multiply() => CheckBinary((a, b) => a * b, (x, y) => x * y, Any, Any);
    [Fact] public void Divide_including_near_zero_denominators() => CheckBinary((a, b) => a / b, (x, y) => x / y, Any, AwayFromZero);
    [Fact] public void Negate() => CheckUnary(a => -a, x => -x, Any);
    [Fact] public void Exp() => CheckUnary(a => a.Exp(), Math.Exp, Any);
    [Fact] public void Log_including_near_zero() => CheckUnary(a => a.Log(), Math.Log, Positive);
    [Fact] public void Tanh() => CheckUnary(a => a.Tanh(), Math.Tanh, Any);
    [Fact] public void Sigmoid() => CheckUnary(a => a.Sigmoid(), x => 1 / (1 + Math.Exp(-x)), Any);
    [Fact] public void Relu_away_from_the_kink() => CheckUnary(a => a.Relu(), x => Math.Max(0, x), AwayFromZero);

    [Fact]
    public void Pow_constant_with_any_base_and_integer_exponent() =>
        Gen.Select(AwayFromZero, Gen.Int[-4, 5]).Sample((x, k) =>
        {
            var v = new Value(x);
            var y = v.Pow(k);
            y.Backward();
            Numerical.AssertClose(Numerical.Slope(t => Math.Pow(t, k), x), v.Grad, what: $"{x:R}^{k}");
        }, iter: 500);

    [Fact]
    public void Pow_constant_with_fractional_exponent() =>
        CheckUnary(a => a.Pow(0.5), Math.Sqrt, Positive);

    [Fact]
    public void Pow_value_gives_gradients_to_base_and_exponent() =>
        CheckBinary((a, b) => a.Pow(b), Math.Pow, Gen.Double[0.1, 5], Gen.Double[-3, 3]);

    [Fact]
    public void Pow_value_with_negative_base_and_integer_exponent() =>
        Gen.Select(Gen.Double[-5, -0.1], Gen.Int[-3, 4]).Sample((x, k) =>
        {
            var a = new Value(x);
            var b = new Value(k);
            a.Pow(b).Backward();
            Numerical.AssertClose(Numerical.Slope(t => Math.Pow(t, k), x), a.Grad, what: $"({x:R})^{k}");
            Assert.True(double.IsNaN(b.Grad), "ln of a negative base is NaN, as in PyTorch");
        }, iter: 300);

    [Fact]
    public void Sum_is_one_node_with_unit_local_derivatives() =>
        Gen.Double[-5, 5].Array[1, 30].Sample(xs =>
        {
            var vs = xs.Select(x => new Value(x)).ToArray();
            var s = Value.Sum(vs.Select(v => v * v));
            s.Backward();
            Assert.Equal("Σ", s.Op);
            Assert.Equal(xs.Length, s.Children.Count);
            Assert.Equal(xs.Sum(x => x * x), s.Data, 1e-9);
            for (var i = 0; i < xs.Length; i++) Assert.Equal(2 * xs[i], vs[i].Grad, 1e-12);
        }, iter: 200);

    [Fact]
    public void Relu_at_zero_has_gradient_zero_like_micrograd()
    {
        var x = new Value(0.0);
        var y = x.Relu();
        y.Backward();
        Assert.Equal(0.0, y.Data);
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void Undefined_math_gives_IEEE_results_not_exceptions()
    {
        var neg = new Value(-1.0);
        var log = neg.Log();
        log.Backward();
        Assert.True(double.IsNaN(log.Data));
        Assert.Equal(-1.0, neg.Grad); // 1/x, as PyTorch

        var zero = new Value(0.0);
        var inv = zero.Pow(-1);
        inv.Backward();
        Assert.Equal(double.PositiveInfinity, inv.Data);
        Assert.Equal(double.NegativeInfinity, zero.Grad);

        var root = new Value(-8.0).Pow(1.0 / 3);
        Assert.True(double.IsNaN(root.Data));

        var z = new Value(0.0);
        var e = new Value(2.0);
        z.Pow(e).Backward();
        Assert.Equal(0.0, e.Grad); // 0^b does not move with b: PyTorch masks the NaN

        var nan = new Value(double.NaN);
        var r = nan.Relu() + nan.Tanh();
        r.Backward();
        Assert.True(double.IsNaN(r.Data));
    }
}
