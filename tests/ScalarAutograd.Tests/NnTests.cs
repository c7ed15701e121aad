using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

public class NnTests
{
    [Fact]
    public void Micrograds_MLP_has_337_parameters_and_prints_like_micrograd()
    {
        var model = new MLP(2, [16, 16, 1], seed: 1);
        Assert.Equal(337, model.Parameters().Count);
        var text = model.ToString();
        Assert.StartsWith("MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2),", text);
        Assert.EndsWith("Layer of [LinearNeuron(16)]]", text);
        Assert.Equal("TanhNeuron(3)", new MLP(3, [4, 4, 1], Activation.Tanh, Activation.Tanh, seed: 1).Layers[0].Neurons[0].ToString());
    }

    [Fact]
    public void Same_seed_gives_same_weights_and_different_seed_different_ones()
    {
        double[] Weights(int seed) => new MLP(3, [4, 4, 1], seed: seed).Parameters().Select(p => p.Data).ToArray();
        Assert.Equal(Weights(42), Weights(42));
        Assert.NotEqual(Weights(42), Weights(43));
        Assert.All(Weights(7), w => Assert.InRange(w, -1.0, 1.0));
    }

    [Fact]
    public void Neuron_computes_activation_of_weighted_sum_and_its_gradients()
    {
        var n = new Neuron(2, Activation.Tanh, new Random(3));
        var x = new Value[] { 1.5, -2.0 };
        var o = n.Forward(x);
        var expected = Math.Tanh(n.W[0].Data * 1.5 + n.W[1].Data * -2.0 + n.B.Data);
        Assert.Equal(expected, o.Data, 1e-12);
        o.Backward();
        Assert.Equal((1 - expected * expected) * 1.5, n.W[0].Grad, 1e-12);
        Assert.Equal(1 - expected * expected, n.B.Grad, 1e-12);
    }

    [Fact]
    public void A_few_SGD_steps_on_the_lectures_data_lower_the_loss()
    {
        var model = new MLP(3, [4, 4, 1], Activation.Tanh, Activation.Tanh, seed: 42);
        double[][] xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]];
        double[] ys = [1, -1, -1, 1];
        var losses = new List<double>();
        for (var step = 0; step < 20; step++)
        {
            var loss = Value.Sum(xs.Select((x, i) => (model.Forward(x)[0] - ys[i]).Pow(2)));
            model.ZeroGrad();
            loss.Backward();
            foreach (var p in model.Parameters()) p.Data += -0.1 * p.Grad;
            losses.Add(loss.Data);
        }
        Assert.True(losses[^1] < losses[0] / 4, $"loss went {losses[0]} → {losses[^1]}");
        Assert.True(losses.Zip(losses.Skip(1)).Count(p => p.Second < p.First) >= 15);
    }

    [Fact]
    public void ZeroGrad_resets_every_parameter()
    {
        var model = new MLP(2, [3, 1], seed: 5);
        model.Forward(1.0, 2.0)[0].Backward();
        Assert.Contains(model.Parameters(), p => p.Grad != 0);
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Equal(0.0, p.Grad));
    }
}
