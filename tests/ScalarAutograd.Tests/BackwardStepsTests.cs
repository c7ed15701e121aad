using CsCheck;

namespace ScalarAutograd.Tests;

public class BackwardStepsTests
{
    private static Value LectureL(out Value[] leaves)
    {
        var (a, b, c, _, _, f, L) = Lecture.Graph();
        leaves = [a, b, c, f];
        return L;
    }

    [Fact]
    public void One_frame_per_value_in_backward_order_and_the_last_frame_equals_Backward()
    {
        var trace = LectureL(out var leaves).BackwardSteps();
        var reference = LectureL(out var referenceLeaves);
        reference.Backward();

        Assert.Equal(trace.Values.Count, trace.Frames.Count);
        Assert.Same(trace.Output, trace.Frames[0].Node);
        Assert.Equal(trace.Values.Reverse(), trace.Frames.Select(f => f.Node));
        var last = trace.Frames[^1].Grads;
        var expected = reference.TopologicalOrder().Select(v => (double?)v.Grad);
        Assert.Equal(expected, last);
        Assert.Equal(referenceLeaves.Select(v => v.Grad), leaves.Select(v => v.Grad)); // the grads are Backward's
    }

    [Fact]
    public void A_value_shows_no_grad_until_backward_reaches_it_and_each_frame_feeds_its_operands()
    {
        var trace = LectureL(out var leaves).BackwardSteps();
        var a = trace.IndexOf(leaves[0]);
        var firstReach = trace.Frames.First(f => f.Grads[a] is not null).Step;
        Assert.All(trace.Frames.Take(firstReach), f => Assert.Null(f.Grads[a]));
        Assert.Contains(leaves[0], trace.Frames[firstReach].Fed);
        Assert.All(trace.Frames, f => Assert.Equal(f.Node.Children, f.Fed));
        Assert.Equal(1.0, trace.Frames[0].Grads[trace.IndexOf(trace.Output)]);
    }

    [Fact]
    public void Random_graphs_trace_to_the_same_grads_as_Backward() =>
        Gen.Double[-2, 2].Array[3].Sample(xs =>
        {
            Value Build(Value[] v) => ((v[0] * v[1]).Tanh() + v[2] * v[0] - v[1].Exp()) * v[2] + v[0] / (v[1] * v[1] + 1);
            var traced = xs.Select(x => new Value(x)).ToArray();
            var trace = Build(traced).BackwardSteps();
            var plain = xs.Select(x => new Value(x)).ToArray();
            Build(plain).Backward();
            Assert.Equal(trace.Values.Count, trace.Frames.Count);
            Assert.Equal(plain.Select(v => v.Grad), traced.Select(v => v.Grad));
            Assert.All(trace.Frames[^1].Grads, g => Assert.NotNull(g));
        }, iter: 100);

    [Fact]
    public void Too_big_a_graph_is_refused_with_the_limit()
    {
        var v = new Value(1.0);
        for (var i = 0; i < Value.MaxTracedValues; i++) v = v.Tanh();
        var ex = Assert.Throws<ArgumentException>(() => v.BackwardSteps());
        Assert.Contains("up to 2,000 values", ex.Message);
    }
}

/// <summary>Each operation's recorded local derivatives against a finite-difference slope at the same inputs.</summary>
public class LocalDerivativeTests
{
    private static readonly (string Name, Func<Value, Value, Value> Op, Func<double, double, double> F)[] Binary =
    [
        ("+", (a, b) => a + b, (x, y) => x + y),
        ("-", (a, b) => a - b, (x, y) => x - y),
        ("*", (a, b) => a * b, (x, y) => x * y),
        ("/", (a, b) => a / b, (x, y) => x / y),
        ("pow", (a, b) => a.Pow(b), Math.Pow),
    ];

    private static readonly (string Name, Func<Value, Value> Op, Func<double, double> F)[] Unary =
    [
        ("neg", a => -a, x => -x),
        ("^3", a => a.Pow(3), x => x * x * x),
        ("exp", a => a.Exp(), Math.Exp),
        ("log", a => a.Log(), Math.Log),
        ("tanh", a => a.Tanh(), Math.Tanh),
        ("relu", a => a.Relu(), x => Math.Max(0, x)),
        ("sigmoid", a => a.Sigmoid(), x => 1 / (1 + Math.Exp(-x))),
    ];

    [Fact]
    public void Binary_operations() =>
        Gen.Select(Gen.Int[0, Binary.Length - 1], Gen.Double[0.2, 3], Gen.Double[0.2, 3]).Sample((k, x, y) =>
        {
            var (name, op, f) = Binary[k];
            var locals = op(new Value(x), new Value(y)).LocalDerivatives;
            Assert.Equal(2, locals.Count);
            Numerical.AssertClose(Numerical.Slope(t => f(t, y), x), locals[0], what: $"{name} ∂/∂a");
            Numerical.AssertClose(Numerical.Slope(t => f(x, t), y), locals[1], what: $"{name} ∂/∂b");
        }, iter: 500);

    [Fact]
    public void Unary_operations() =>
        Gen.Select(Gen.Int[0, Unary.Length - 1], Gen.Double[0.1, 3], Gen.Bool).Sample((k, magnitude, negative) =>
        {
            var (name, op, f) = Unary[k];
            var x = name == "log" || !negative ? magnitude : -magnitude;
            var locals = op(new Value(x)).LocalDerivatives;
            Numerical.AssertClose(Numerical.Slope(f, x), Assert.Single(locals), what: $"{name} at {x}");
        }, iter: 500);

    [Fact]
    public void Sum_has_local_derivative_one_per_term_and_leaves_have_none()
    {
        Assert.Equal([1.0, 1.0, 1.0], Value.Sum([new Value(1), new Value(2), new Value(3)]).LocalDerivatives);
        Assert.Empty(new Value(1).LocalDerivatives);
    }
}
