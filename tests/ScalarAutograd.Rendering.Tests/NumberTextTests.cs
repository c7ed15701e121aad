namespace ScalarAutograd.Rendering.Tests;

/// <summary>Pictures print a number shown as zero without a sign: "-0.0000" reads as a different number from 0.</summary>
public class NumberTextTests
{
    [Theory]
    [InlineData(-0.0, "F4", "0.0000")]
    [InlineData(-0.00001, "F4", "0.0000")] // a tiny negative that rounds to zero
    [InlineData(-0.0, "G4", "0")]
    [InlineData(-0.0, "E3", "0.000E+000")]
    [InlineData(-0.00001, "N2", "0.00")]
    [InlineData(-0.5, "F4", "-0.5000")]
    [InlineData(-12.0, "F0", "-12")]
    [InlineData(-1e-300, "E3", "-1.000E-300")] // not zero: its digits are not all 0
    [InlineData(double.NegativeInfinity, "F4", "-Infinity")]
    public void A_number_shown_as_zero_has_no_sign(double x, string format, string expected) =>
        Assert.Equal(expected, NumberText.Format(x, format));

    [Fact]
    public void A_negative_zero_in_a_graph_shows_as_0()
    {
        var w = new Value(-2.0, "w");
        var p = w * new Value(0.0, "h"); // −2 × 0 is −0 in IEEE
        p.Label = "p";
        Assert.True(double.IsNegative(p.Data));
        var text = Svg.AllText(Svg.Parse(p.ToSvg()));
        Assert.Contains("data 0.0000", text);
        Assert.DoesNotContain("-0.0000", text);
    }
}
