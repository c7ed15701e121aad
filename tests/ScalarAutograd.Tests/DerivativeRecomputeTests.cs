using CsCheck;

namespace ScalarAutograd.Tests;

/// <summary>
/// A Derivative() graph is a graph like any other: after an input is edited it recomputes exactly as a freshly built
/// derivative would, including the slopes that branch on the data (ReLU's step, a^b's masks) (issue 22, item 2).
/// </summary>
public class DerivativeRecomputeTests
{
    private const int Inputs = RecomputePropertyTests.Inputs;

    private static Value[] Leaves(double[] xs) => [.. xs.Select(x => new Value(x))];

    // ∂output/∂input for every input, and ∂²output/∂input₀∂input for every input: first and second derivatives.
    private static Value[] Derivatives(Value output, Value[] inputs)
    {
        var first = output.Derivatives(inputs);
        return [.. first, .. first[0].Derivatives(inputs)];
    }

    [Fact]
    public void Editing_the_inputs_of_a_derivative_and_recomputing_equals_building_the_derivative_afresh() =>
        Gen.Select(RecomputePropertyTests.Programs, Gen.Double[-3, 3].Array[Inputs], Gen.Double[-3, 3].Array[Inputs]).Sample((program, before, after) =>
        {
            var edited = Leaves(before);
            var derivatives = Derivatives(RecomputePropertyTests.Build(program, edited)[^1], edited);
            for (var i = 0; i < Inputs; i++) edited[i].Data = after[i];
            foreach (var d in derivatives) d.Recompute();

            var fresh = Leaves(after);
            var rebuilt = Derivatives(RecomputePropertyTests.Build(program, fresh)[^1], fresh);
            Assert.Equal(rebuilt.Select(d => d.Data), derivatives.Select(d => d.Data)); // to the bit: the same operations
        }, iter: 300);

    [Fact]
    public void Backward_through_an_edited_derivative_gives_the_grads_of_the_fresh_one() =>
        Gen.Select(RecomputePropertyTests.Programs, Gen.Double[-3, 3].Array[Inputs], Gen.Double[-3, 3].Array[Inputs]).Sample((program, before, after) =>
        {
            var edited = Leaves(before);
            var derivative = RecomputePropertyTests.Build(program, edited)[^1].Derivative(edited[0]);
            for (var i = 0; i < Inputs; i++) edited[i].Data = after[i];
            derivative.Backward();

            var fresh = Leaves(after);
            var rebuilt = RecomputePropertyTests.Build(program, fresh)[^1].Derivative(fresh[0]);
            rebuilt.Backward();
            Assert.Equal(rebuilt.Data, derivative.Data);
            Assert.Equal(fresh.Select(v => v.Grad), edited.Select(v => v.Grad));
            Assert.Empty(derivative.Inspect().StaleValues);
        }, iter: 300);

    [Fact]
    public void The_slope_of_relu_follows_an_edited_input()
    {
        var x = new Value(1.0, "x");
        var df = (x.Relu() * x).Derivative(x); // 2x for x > 0, 0 below
        Assert.Equal(2.0, df.Data);
        x.Data = -1;
        df.Recompute();
        Assert.Equal(0.0, df.Data);
        df.Backward();
        Assert.Equal(0.0, x.Grad); // f″ = 0 on the flat side
    }

    [Fact]
    public void The_masks_of_a_power_follow_an_edited_base()
    {
        var (a, b) = (new Value(0.0, "a"), new Value(2.0, "b"));
        var db = a.Pow(b).Derivative(b); // a^b·ln a, masked to 0 at a = 0
        Assert.Equal(0.0, db.Data);
        a.Data = 2;
        db.Recompute();
        Assert.Equal(4 * Math.Log(2), db.Data, 1e-15);
        var da = a.Pow(b).Derivative(a);
        b.Data = 0;
        da.Recompute();
        Assert.Equal(0.0, da.Data); // b·a^(b−1) with b = 0: exactly 0, as built at b = 0
    }

    [Fact]
    public void GradCheck_checks_a_derivative()
    {
        var check = GradCheck.Run(xs => xs[0].Pow(3).Derivative(xs[0]), [2.0]);
        Assert.True(check.Passed, check.ToString());
        Assert.Equal(12.0, check.Rows[0].Analytic, 1e-12); // d/dx 3x² = 6x
    }
}
