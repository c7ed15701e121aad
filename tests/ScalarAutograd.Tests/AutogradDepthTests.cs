using CsCheck;

namespace ScalarAutograd.Tests;

public class GradCheckTests
{
    public static TheoryData<string> Operations => ["+", "-", "*", "/", "neg", "pow", "^2.5", "exp", "log", "tanh", "relu", "sigmoid", "sum"];

    private static Value Apply(string op, Value[] x) => op switch
    {
        "+" => x[0] + x[1],
        "-" => x[0] - x[1],
        "*" => x[0] * x[1],
        "/" => x[0] / x[1],
        "neg" => -x[0],
        "pow" => x[0].Pow(x[1]),
        "^2.5" => x[0].Pow(2.5),
        "exp" => x[0].Exp(),
        "log" => x[0].Log(),
        "tanh" => x[0].Tanh(),
        "relu" => x[0].Relu(),
        "sigmoid" => x[0].Sigmoid(),
        _ => Value.Sum([x[0], x[1] * x[0], x[1]]),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Passes_on_every_operation(string op)
    {
        var result = GradCheck.Run(x => Apply(op, x), [1.3, 0.7]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(2, result.Rows.Count);
    }

    [Fact]
    public void Fails_on_a_deliberately_wrong_derivative_and_says_where()
    {
        // tanh's value with the derivative of sin: a bug the check must catch.
        Value WrongTanh(Value a) => Value.WithLocalDerivativeForTests(Math.Tanh(a.Data), a, Math.Cos(a.Data));
        var result = GradCheck.Run(x => WrongTanh(x[0]) * x[1], [0.8, 2.0], names: ["a", "b"]);
        Assert.False(result.Passed);
        Assert.False(result.Rows[0].Passed);
        Assert.True(result.Rows[1].Passed);
        Assert.Equal(2.0 * (1 - Math.Pow(Math.Tanh(0.8), 2)), result.Rows[0].Numeric, 1e-6);
        Assert.Contains("FAIL", result.ToString());
        Assert.StartsWith("a ", result.ToString().Split('\n')[1]);
    }

    [Fact]
    public void Generated_composite_functions_pass() =>
        Gen.Double[-1.5, 1.5].Array[3].Sample(xs =>
        {
            var result = GradCheck.Run(x => (x[0] * x[1] + x[2].Exp()).Tanh() / (1 + x[0].Pow(2)) - x[1].Sigmoid() * x[2], xs);
            Assert.True(result.Passed, result.ToString());
        }, iter: 100);
}

public class HigherOrderTests
{
    [Fact]
    public void The_lectures_function_has_f1_14_and_f2_6_at_3()
    {
        var x = new Value(3.0, "x");
        var f = 3 * x.Pow(2) - 4 * x + 5;
        var df = f.Derivative(x);
        var d2f = df.Derivative(x);
        var d3f = d2f.Derivative(x);
        Assert.Equal(20.0, f.Data, 1e-12);
        Assert.Equal(14.0, df.Data, 1e-12);
        Assert.Equal(6.0, d2f.Data, 1e-12);
        Assert.Equal(0.0, d3f.Data, 1e-12);
        Assert.Equal(0.0, x.Grad); // Derivative changes no Grad
    }

    [Fact]
    public void Tanh_derivatives_match_their_formulas_on_generated_inputs() =>
        Gen.Double[-3, 3].Sample(t =>
        {
            var x = new Value(t);
            var y = x.Tanh();
            var d1 = y.Derivative(x);
            var d2 = d1.Derivative(x);
            var d3 = d2.Derivative(x);
            var th = Math.Tanh(t);
            Assert.Equal(1 - th * th, d1.Data, 1e-12);
            Assert.Equal(-2 * th * (1 - th * th), d2.Data, 1e-12);
            Assert.Equal(-2 * (1 - th * th) * (1 - 3 * th * th), d3.Data, 1e-11);
        }, iter: 300);

    [Fact]
    public void Second_derivatives_of_generated_functions_match_finite_differences_of_the_first() =>
        Gen.Select(Gen.Double[0.3, 2], Gen.Double[-1, 1]).Sample((a, b) =>
        {
            Value F(Value x, Value y) => (x * y).Exp() / x + x.Log() * y.Sigmoid() + x.Pow(y);
            double Dfdx(double xv, double yv)
            {
                var x = new Value(xv);
                return F(x, new Value(yv)).Derivative(x).Data;
            }
            var vx = new Value(a);
            var vy = new Value(b);
            var dx = F(vx, vy).Derivative(vx);
            var (dxx, dxy) = (dx.Derivatives(vx, vy)[0], dx.Derivatives(vx, vy)[1]);
            Numerical.AssertClose(Numerical.Slope(t => Dfdx(t, b), a), dxx.Data, rtol: 1e-5, atol: 1e-6, what: "∂²f/∂x²");
            Numerical.AssertClose(Numerical.Slope(t => Dfdx(a, t), b), dxy.Data, rtol: 1e-5, atol: 1e-6, what: "∂²f/∂x∂y");
        }, iter: 200);

    [Fact]
    public void A_value_that_does_not_depend_on_an_input_has_derivative_zero()
    {
        var x = new Value(1.0);
        var unrelated = new Value(2.0);
        Assert.Equal(0.0, (x * x).Derivative(unrelated).Data);
    }
}

public class NoGradTests
{
    [Fact]
    public void Inside_the_scope_no_graph_is_recorded_and_outside_it_is_again()
    {
        var x = new Value(2.0, "x");
        Value y, z;
        using (Value.NoGrad())
        {
            y = (x * x + 1).Tanh();
            z = Value.Sum([x, y]);
        }
        Assert.True(y.IsLeaf);
        Assert.Empty(y.Children);
        Assert.True(z.IsLeaf);
        Assert.Equal(Math.Tanh(5), y.Data, 1e-15);
        y.Backward();
        Assert.Equal(0.0, x.Grad); // nothing flows back to x
        Assert.False((x * x).IsLeaf);
    }

    [Fact]
    public async Task The_scope_follows_its_flow_across_await_and_stays_out_of_others()
    {
        var go = new TaskCompletionSource();
        var unrelated = Task.Run(async () => { await go.Task; return new Value(1.0) * 2; }); // started outside the scope
        using (Value.NoGrad())
        {
            await Task.Yield(); // resumes on another thread: still inside the scope
            Assert.True((new Value(1.0) * 2).IsLeaf);
            go.SetResult();
            Assert.False((await unrelated).IsLeaf);
        }
        await Task.Yield();
        Assert.False((new Value(1.0) * 2).IsLeaf);
    }

    [Fact]
    public void Detach_is_a_leaf_with_the_same_data()
    {
        var x = new Value(3.0);
        var y = x * x;
        var d = y.Detach();
        Assert.True(d.IsLeaf);
        Assert.Equal(9.0, d.Data);
        (d * x).Backward();
        Assert.Equal(9.0, x.Grad); // only the direct path; nothing through the detached y
    }
}

public class AnomalyTests
{
    private static AnomalyException Catch(Action act)
    {
        using var _ = Value.DetectAnomalies();
        return Assert.Throws<AnomalyException>(act);
    }

    [Fact]
    public void Log_of_a_negative_names_the_operation_and_the_label()
    {
        var ex = Catch(() => _ = new Value(-1.0, "x").Log());
        Assert.Equal("Log", ex.Operation);
        Assert.False(ex.InBackward);
        Assert.StartsWith("Log of -1 at 'x' produced NaN in the forward pass.", ex.Message);
    }

    [Fact]
    public void Zero_to_the_minus_one_is_caught()
    {
        var ex = Catch(() => _ = new Value(0.0, "d").Pow(-1));
        Assert.Equal("Pow (^-1)", ex.Operation);
        Assert.Contains("0 at 'd' produced +∞", ex.Message);
    }

    [Fact]
    public void Infinity_times_zero_names_both_operands_and_the_nearest_labels()
    {
        var big = new Value(1e200, "big");
        var ex = Catch(() => _ = (big * big) * new Value(0.0, "zero"));
        Assert.Equal("Multiply", ex.Operation); // the first anomaly: 1e200 · 1e200 overflows to +∞
        Assert.Contains("1E+200 at 'big' and 1E+200 at 'big' produced +∞", ex.Message);
        var inf = new Value(double.PositiveInfinity, "inf");
        var a = new Value(2.0, "a");
        ex = Catch(() => _ = inf * (a - a));
        Assert.Contains("produced NaN", ex.Message);
        Assert.Contains("+∞ at 'inf' and 0 (from -)", ex.Message);
        Assert.Contains("Nearest labelled values: 'a' → -", ex.Message);
    }

    [Fact]
    public void A_NaN_appearing_in_backward_is_caught_there()
    {
        var x = new Value(0.0, "x");
        var y = x.Pow(0.5) * 2; // forward fine: 0; its derivative at 0 is +∞
        var ex = Catch(y.Backward);
        Assert.True(ex.InBackward);
        Assert.Equal("Pow (^0.5)", ex.Operation);
        Assert.Contains("passed +∞ to its operand 0 at 'x'", ex.Message);
    }

    [Fact]
    public void An_anomaly_stopping_backward_leaves_the_graph_whole_for_the_next_pass()
    {
        var x = new Value(0.0, "x");
        var y = x.Pow(0.5) * 2;
        Catch(y.Backward);
        Assert.Equal(4, y.TopologicalOrder().Count); // x, √x, the constant 2, y: none left marked as visited
        y.Backward();
        Assert.Equal(double.PositiveInfinity, x.Grad);
    }

    [Fact]
    public void Off_by_default_and_after_the_scope_NaN_flows_quietly()
    {
        Assert.False(Value.AnomalyDetection);
        Assert.True(double.IsNaN(new Value(-1.0).Log().Data));
        using (Value.DetectAnomalies()) { }
        Assert.True(double.IsNaN(new Value(-1.0).Log().Data));
    }
}
