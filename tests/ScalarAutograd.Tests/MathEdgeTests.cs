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
