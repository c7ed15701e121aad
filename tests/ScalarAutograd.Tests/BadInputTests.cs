using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

public class BadInputTests
{
    private static readonly Value One = new(1.0);
    private static readonly Value? Null = null;

    [Fact]
    public void Null_operands_name_the_parameter()
    {
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Null! + One).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => One * Null!).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => One - Null!).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => One / Null!).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => -Null!).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => One.Pow(Null!)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Value.Sum(null!)).ParamName);
        var ex = Assert.Throws<ArgumentNullException>(() => Value.Sum([One, Null!]));
        Assert.Contains("index 1", ex.Message);
    }

    [Fact]
    public void A_schedule_that_returns_NaN_is_refused_at_that_step_and_no_parameter_moves()
    {
        var w = new Value(1.0, "w") { Grad = 0.5 };
        var sgd = new Sgd([w], schedule: k => k == 0 ? 0.1 : double.NaN);
        sgd.Step();
        Assert.Equal(0.95, w.Data, 1e-15);
        var error = Assert.Throws<InvalidOperationException>(sgd.Step);
        Assert.Contains("learning rate NaN for step 1", error.Message);
        Assert.Equal(0.95, w.Data, 1e-15);
        Assert.Equal(1, sgd.StepCount);
    }

    [Fact]
    public void NaN_and_infinity_propagate_without_exceptions()
    {
        var x = new Value(double.PositiveInfinity);
        var y = x * 0 + new Value(double.NaN).Exp();
        y.Backward();
        Assert.True(double.IsNaN(y.Data));
        Assert.True(double.IsNaN(x.Grad) || x.Grad == 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Non_positive_sizes_say_what_was_wrong(int size)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new MLP(size, [2]));
        Assert.Contains($"got {size}", ex.Message);
        ex = Assert.ThrowsAny<ArgumentException>(() => new MLP(2, [4, size]));
        Assert.Contains("nouts[1]", ex.Message);
        ex = Assert.ThrowsAny<ArgumentException>(() => new Layer(2, size, Activation.Relu, new Random(1)));
        Assert.Contains($"got {size}", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => new MLP(2, []));
    }

    [Fact]
    public void Wrong_number_of_inputs_says_expected_and_actual()
    {
        var model = new MLP(3, [2, 1], seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => model.Forward(1.0, 2.0));
        Assert.Contains("Expected 3 inputs but got 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => model.Layers[1].Forward([1.0, 2.0, 3.0]));
        Assert.Contains("Expected 2 inputs but got 3", ex.Message);
    }
}
