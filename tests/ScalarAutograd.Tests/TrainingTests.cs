using CsCheck;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

public class LossTests
{
    // Each loss, as a function of plain numbers: the independent truth for values and finite differences.
    private static double Hinge(double[] s, double[] y) => s.Select((si, i) => Math.Max(0, 1 - y[i] * si)).Average();
    private static double Mse(double[] p, double[] t) => p.Select((pi, i) => (pi - t[i]) * (pi - t[i])).Average();
    private static double Bce(double[] p, double[] t) => -p.Select((pi, i) => t[i] * Math.Log(pi) + (1 - t[i]) * Math.Log(1 - pi)).Average();

    private static void CheckGradient(Func<IReadOnlyList<Value>, Value> loss, Func<double[], double> f, double[] x)
    {
        var vs = x.Select(v => new Value(v)).ToArray();
        var l = loss(vs);
        l.Backward();
        Assert.Equal(f(x), l.Data, 1e-12);
        var numeric = Numerical.Gradient(f, x);
        for (var i = 0; i < x.Length; i++) Numerical.AssertClose(numeric[i], vs[i].Grad, what: $"∂loss/∂x{i}");
    }

    // Scores kept away from the hinge's kink at y·s = 1, where the derivative jumps.
    private static readonly Gen<(double[] Scores, double[] Labels)> HingeCases =
        Gen.Select(Gen.Double[-3, 3], Gen.Bool).Where(p => Math.Abs(Math.Abs(p.Item1) - 1) > 1e-3).Array[1, 12]
            .Select(ps => (ps.Select(p => p.Item1).ToArray(), ps.Select(p => p.Item2 ? 1.0 : -1.0).ToArray()));

    [Fact]
    public void Hinge_value_and_gradient() =>
        HingeCases.Sample(c => CheckGradient(s => Loss.Hinge(s, c.Labels), s => Hinge(s, c.Labels), c.Scores), iter: 300);

    [Fact]
    public void Mean_squared_error_value_and_gradient() =>
        Gen.Select(Gen.Double[-5, 5], Gen.Double[-5, 5]).Array[1, 12].Sample(ps =>
        {
            var targets = ps.Select(p => p.Item2).ToArray();
            CheckGradient(p => Loss.MeanSquaredError(p, targets), p => Mse(p, targets), [.. ps.Select(p => p.Item1)]);
        }, iter: 300);

    [Fact]
    public void Binary_cross_entropy_value_and_gradient() =>
        Gen.Select(Gen.Double[0.01, 0.99], Gen.Double[0, 1]).Array[1, 12].Sample(ps =>
        {
            var targets = ps.Select(p => p.Item2).ToArray();
            CheckGradient(p => Loss.BinaryCrossEntropy(p, targets), p => Bce(p, targets), [.. ps.Select(p => p.Item1)]);
        }, iter: 300);

    [Fact]
    public void L2_is_alpha_times_the_sum_of_squares_with_gradient_2_alpha_p() =>
        Gen.Double[-3, 3].Array[1, 20].Sample(ps =>
        {
            var vs = ps.Select(p => new Value(p)).ToArray();
            var l2 = Loss.L2(vs, 1e-4);
            l2.Backward();
            Assert.Equal(1e-4 * ps.Sum(p => p * p), l2.Data, 1e-15);
            for (var i = 0; i < ps.Length; i++) Assert.Equal(2e-4 * ps[i], vs[i].Grad, 1e-15);
        }, iter: 200);

    [Fact]
    public void Accuracy_counts_matching_signs()
    {
        Value[] scores = [2.0, -0.5, 0.1, -3.0];
        Assert.Equal(0.5, Loss.Accuracy(scores, [1, 1, 1, 1]));
        Assert.Equal(1.0, Loss.Accuracy(scores, [1, -1, 1, -1]));
    }

    [Fact]
    public void Mismatched_or_empty_inputs_say_what_was_wrong()
    {
        var ex = Assert.Throws<ArgumentException>(() => Loss.Hinge([1.0, 2.0], [1.0]));
        Assert.Contains("2 outputs but 1 targets", ex.Message);
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError([], []));
        Assert.Throws<ArgumentNullException>(() => Loss.L2(null!, 1));
    }
}

public class SgdTests
{
    [Fact]
    public void Step_moves_each_parameter_against_its_gradient()
    {
        var a = new Value(1.0) { Grad = 2.0 };
        var b = new Value(-3.0) { Grad = -0.5 };
        var sgd = new Sgd([a, b], learningRate: 0.1);
        sgd.Step();
        Assert.Equal(1.0 - 0.1 * 2.0, a.Data, 1e-15);
        Assert.Equal(-3.0 + 0.1 * 0.5, b.Data, 1e-15);
        Assert.Equal(1, sgd.StepCount);
        sgd.ZeroGrad();
        Assert.Equal(0.0, a.Grad);
        Assert.Equal(0.0, b.Grad);
    }

    [Fact]
    public void A_schedule_sets_the_learning_rate_of_each_step()
    {
        var p = new Value(0.0);
        var sgd = new Sgd([p], schedule: k => 1.0 - 0.9 * k / 100);
        var seen = new List<double>();
        for (var k = 0; k < 3; k++)
        {
            p.Grad = 1.0;
            seen.Add(sgd.CurrentLearningRate);
            sgd.Step();
        }
        Assert.Equal([1.0, 0.991, 0.982], seen.Select(x => Math.Round(x, 12)));
        Assert.Equal(-(1.0 + 0.991 + 0.982), p.Data, 1e-12);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Sgd([new Value(1)], double.NaN));
        Assert.Contains("index 1", Assert.Throws<ArgumentNullException>(() => new Sgd([new Value(1), null!])).Message);
    }
}

public class DatasetTests
{
    [Fact]
    public void Moons_are_two_labelled_half_circles_reproducible_by_seed()
    {
        var exact = Dataset.Moons(100, noise: 0, seed: 3);
        Assert.Equal(100, exact.Count);
        Assert.Equal(50, exact.Y.Count(y => y == -1));
        Assert.Equal(50, exact.Y.Count(y => y == 1));
        for (var i = 0; i < exact.Count; i++)
        {
            var (x, y) = (exact.X[i][0], exact.X[i][1]);
            // outer: on the unit circle above the axis; inner: on the unit circle around (1, 0.5), below it
            var r = exact.Y[i] < 0 ? Math.Sqrt(x * x + y * y) : Math.Sqrt((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5));
            Assert.Equal(1.0, r, 1e-12);
            Assert.True(exact.Y[i] < 0 ? y >= -1e-12 : y <= 0.5 + 1e-12);
        }
        Assert.Equal(Dataset.Moons(seed: 9).X, Dataset.Moons(seed: 9).X);
        Assert.NotEqual(Dataset.Moons(seed: 9).X, Dataset.Moons(seed: 10).X);
        var noisy = Dataset.Moons(2_000, noise: 0.1, seed: 4);
        var offsets = noisy.X.Select((x, i) => noisy.Y[i] < 0 ? Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1 : 0).Where(d => d != 0).ToArray();
        Assert.InRange(offsets.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(offsets.Select(d => d * d).Average()), 0.07, 0.13); // ≈ the noise's 0.1
    }

    [Fact]
    public void Bad_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Dataset.Moons(1));
        Assert.Throws<ArgumentException>(() => Dataset.Moons(10, noise: -1));
    }
}

public class MoonsTrainingTests
{
    [Theory]
    [InlineData(1, 1337)]
    [InlineData(3, 7)]
    public void Micrograds_demo_reaches_100_percent_within_100_steps(int dataSeed, int modelSeed)
    {
        var data = Dataset.Moons(100, 0.1, dataSeed);
        var model = new MLP(2, [16, 16, 1], seed: modelSeed);
        var sgd = new Sgd(model.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        var accuracy = 0.0;
        var losses = new List<double>();
        for (var k = 0; k < 100 && accuracy < 1.0; k++)
        {
            var scores = data.X.Select(x => model.Forward(x)[0]).ToArray();
            var loss = Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4);
            accuracy = Loss.Accuracy(scores, data.Y);
            losses.Add(loss.Data);
            sgd.ZeroGrad();
            loss.Backward();
            sgd.Step();
        }
        Assert.Equal(1.0, accuracy);
        Assert.True(losses[^1] < losses[0] / 5, $"loss {losses[0]} → {losses[^1]}");
    }

    [Fact]
    public void The_lectures_MLP_fits_its_four_samples_with_mean_squared_error()
    {
        var data = Dataset.Lecture();
        var model = new MLP(3, [4, 4, 1], Activation.Tanh, Activation.Tanh, seed: 42);
        var sgd = new Sgd(model.Parameters(), learningRate: 0.5);
        for (var k = 0; k < 20; k++)
        {
            var loss = Loss.MeanSquaredError([.. data.X.Select(x => model.Forward(x)[0])], data.Y);
            sgd.ZeroGrad();
            loss.Backward();
            sgd.Step();
        }
        var predictions = data.X.Select(x => model.Forward(x)[0].Data).ToArray();
        for (var i = 0; i < data.Count; i++) Assert.True(Math.Abs(predictions[i] - data.Y[i]) < 0.3, $"sample {i}: {predictions[i]} vs {data.Y[i]}");
    }
}
