namespace ScalarAutograd.Tests;

/// <summary>Where the textbook formula meets IEEE arithmetic: PyTorch's answers (issue 12, math edges).</summary>
public class MathEdgeTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(-2.0)]
    public void A_zero_exponent_has_no_slope_even_where_x_to_the_minus_one_is_undefined(double x)
    {
        var a = new Value(x);
        var y = a.Pow(0);
        y.Backward();
        Assert.Equal(1.0, y.Data);
        Assert.Equal(0.0, a.Grad);

        var b = new Value(x);
        var k = new Value(0.0);
        var z = b.Pow(k);
        z.Backward();
        Assert.Equal(0.0, b.Grad);
    }

    [Fact]
    public void Dividing_tiny_numbers_gives_the_true_derivative_instead_of_overflowing()
    {
        var a = new Value(1e-200);
        var b = new Value(1e-200);
        var q = a / b;
        q.Backward();
        Assert.Equal(1.0, q.Data);
        Assert.Equal(1e200, a.Grad, 1e188);
        Assert.Equal(-1e200, b.Grad, 1e188); // −a/b² would be −∞: b² underflows to 0
    }
}

/// <summary>Derivative() follows the same IEEE care as backward, and refuses to run where it cannot build a graph.</summary>
public class DerivativeEdgeTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(-2.0)]
    public void The_derivative_of_x_to_the_zero_is_zero_even_where_x_to_the_minus_one_is_undefined(double x)
    {
        var a = new Value(x);
        Assert.Equal(0.0, a.Pow(0).Derivative(a).Data);
        Assert.Equal(0.0, a.Pow(new Value(0.0)).Derivative(a).Data);
        Assert.Equal(0.0, a.Pow(0).Derivative(a).Derivative(a).Data);
    }

    [Fact]
    public void The_derivative_of_a_quotient_of_tiny_numbers_is_the_true_one_and_agrees_with_backward()
    {
        var a = new Value(1e-200);
        var b = new Value(1e-200);
        var q = a / b;
        var (da, db) = (q.Derivatives(a, b)[0], q.Derivatives(a, b)[1]);
        q.Backward();
        Assert.Equal(-1e200, db.Data, 1e188); // −a/b² would be −∞
        Assert.Equal(b.Grad, db.Data);        // the same IEEE operations as the forward pass
        Assert.Equal(a.Grad, da.Data);
    }

    [Fact]
    public void Derivative_inside_NoGrad_is_an_error_that_says_what_to_do()
    {
        var x = new Value(3.0);
        var f = x * x;
        using (Value.NoGrad())
        {
            var error = Assert.Throws<InvalidOperationException>(() => f.Derivative(x));
            Assert.Contains("outside the NoGrad scope", error.Message);
        }
        Assert.Equal(2.0, f.Derivative(x).Derivative(x).Data); // outside: f″ = 2
    }

    [Fact]
    public void Derivative_after_an_edit_uses_the_new_input_like_backward_does()
    {
        var x = new Value(1.0);
        var e = x.Exp();
        x.Data = 2;
        Assert.Equal(Math.Exp(2), e.Derivative(x).Data); // not the stale e¹ mixed with the new x
        Assert.Equal(new[] { Math.Exp(2) }, e.LocalDerivatives); // refreshed: one rule for labels and backward
    }
}
