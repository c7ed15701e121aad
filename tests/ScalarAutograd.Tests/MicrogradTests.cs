namespace ScalarAutograd.Tests;

/// <summary>micrograd's own test suite (which it checks against PyTorch), in C#.</summary>
public class MicrogradTests
{
    [Fact]
    public void Sanity_check()
    {
        var x = new Value(-4.0);
        var z = 2 * x + 2 + x;
        var q = z.Relu() + z * x;
        var h = (z * z).Relu();
        var y = h + q + q * x;
        y.Backward();
        Assert.Equal(-20.0, y.Data, 1e-12);
        Assert.Equal(46.0, x.Grad, 1e-12);
    }

    [Fact]
    public void More_ops()
    {
        var a = new Value(-4.0);
        var b = new Value(2.0);
        var c = a + b;
        var d = a * b + b.Pow(3);
        c = c + c + 1;
        c = c + 1 + c + (-a);
        d = d + d * 2 + (b + a).Relu();
        d = d + 3 * d + (b - a).Relu();
        var e = c - d;
        var f = e.Pow(2);
        var g = f / 2.0;
        g = g + 10.0 / f;
        g.Backward();
        Assert.Equal(2421.0 / 98, g.Data, 1e-12);
        Assert.Equal(24.70408163265306, g.Data, 1e-12);
        Assert.Equal(138.83381924198252, a.Grad, 1e-9);
        Assert.Equal(645.5772594752186, b.Grad, 1e-9);
        Assert.Equal(47620.0 / 343, a.Grad, 1e-9);
        Assert.Equal(221433.0 / 343, b.Grad, 1e-9);
    }

    [Fact]
    public void Relu_of_a_linear_function()
    {
        var x = new Value(1.0);
        var y = (x * 2 + 1).Relu();
        y.Backward();
        Assert.Equal(3.0, y.Data);
        Assert.Equal(2.0, x.Grad);
    }

    [Fact]
    public void Relu_accumulates_instead_of_overwriting()
    {
        // The bug of a popular C# port: ReLU's backward assigned instead of adding.
        var x = new Value(2.0);
        var y = x.Relu() + x.Relu() + x;
        y.Backward();
        Assert.Equal(3.0, x.Grad);
    }

    [Fact]
    public void ToString_prints_like_micrograd()
    {
        var a = new Value(2.0);
        Assert.Equal("Value(data=2.0, grad=0.0)", a.ToString());
        var L = new Value(-8.0, "L") { Grad = 1 };
        Assert.Equal("Value(label=L, data=-8.0, grad=1.0)", L.ToString());
        Assert.Equal("Value(data=0.5, grad=0.0)", new Value(0.5).ToString());
    }
}
