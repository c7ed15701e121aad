using CsCheck;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

/// <summary>
/// A neuron's Σ wᵢ·xᵢ + b is one node (issue 25). Its numbers must be those of the graph written out with the public
/// operators, products and a Σ with b last, as Neuron.Forward built it before: data and every grad to the last bit,
/// eager and replayed, whichever value Backward() starts from, after edits, under NoGrad.
/// </summary>
public class FusedNeuronTests
{
    // The reference: the same model's forward pass written out, one product per weight, then Σ(products…, b).
    private static Value WrittenOut(Neuron n, IReadOnlyList<Value> x)
    {
        var terms = n.W.Select((w, i) => w * x[i]).Append(n.B);
        var act = Value.Sum(terms);
        return n.Activation switch
        {
            Activation.Relu => act.Relu(),
            Activation.Tanh => act.Tanh(),
            _ => act,
        };
    }

    private static Value[] WrittenOut(MLP model, IReadOnlyList<Value> x)
    {
        var h = x.ToArray();
        foreach (var layer in model.Layers) h = [.. layer.Neurons.Select(n => WrittenOut(n, h))];
        return h;
    }

    // Every bit, signed zeros included; NaN is NaN (which NaN's payload an addition keeps is the JIT's choice of
    // operand order, not arithmetic).
    private static long Bits(double x) => double.IsNaN(x) ? long.MinValue : BitConverter.DoubleToInt64Bits(x);

    private static void AssertSameBits(IEnumerable<double> expected, IEnumerable<double> actual, string what) =>
        Assert.True(expected.Select(Bits).SequenceEqual(actual.Select(Bits)),
            $"{what}: expected [{string.Join(", ", expected.Select(x => x.ToString("R")))}] but got [{string.Join(", ", actual.Select(x => x.ToString("R")))}]");

    // Numbers a forward pass can meet: ordinary ones and the IEEE corners (signed zeros, huge, infinite).
    private static readonly Gen<double> Number = Gen.Frequency(
        (8, Gen.Double[-2, 2]),
        (1, Gen.OneOfConst(0.0, -0.0, 1e300, -1e300, double.PositiveInfinity, 1e-320)));

    private static readonly Gen<(int Nin, int[] Widths, Activation Hidden, Activation Output, int Seed)> Models =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 6].Array[1, 3], Gen.Enum<Activation>(), Gen.Enum<Activation>(), Gen.Int);

    [Fact]
    public void Random_models_and_inputs_give_the_written_out_graphs_data_and_grads_to_the_bit() =>
        Gen.Select(Models, Number.Array[4, 4].Array[1, 4], Gen.Bool).Sample((shape, samples, hinge) =>
        {
            var model = new MLP(shape.Nin, shape.Widths, shape.Hidden, shape.Output, shape.Seed);
            Value[][] Inputs() => [.. samples.Select(s => s.Take(shape.Nin).Select(x => new Value(x)).ToArray())];
            Value Loss(Func<Value[], Value[]> forward, Value[][] inputs)
            {
                var scores = inputs.Select(x => forward(x)[0]).ToArray();
                var targets = scores.Select((_, i) => i % 2 == 0 ? 1.0 : -1.0).ToArray();
                var fit = hinge ? Nn.Loss.Hinge(scores, targets) : Nn.Loss.MeanSquaredError(scores, targets);
                return fit + Nn.Loss.L2(model.Parameters(), 1e-4);
            }
            var parameters = model.Parameters();
            var referenceInputs = Inputs();
            var reference = Loss(x => WrittenOut(model, x), referenceInputs);
            reference.Backward(); // from zero, as a tape sweeps (it adds its sum into each leaf at the end)
            var fromZero = parameters.Concat(referenceInputs.SelectMany(x => x)).Select(v => v.Grad).ToArray();
            foreach (var v in parameters.Concat(referenceInputs.SelectMany(x => x))) v.Grad = 0;
            foreach (var p in parameters) p.Grad = 0.25; // leaves accumulate: onto something, in the same order
            reference.Backward();
            var expected = parameters.Concat(referenceInputs.SelectMany(x => x)).Select(v => v.Grad).ToArray();

            foreach (var p in parameters) p.Grad = 0.25;
            var fusedInputs = Inputs();
            var fused = Loss(model.Forward, fusedInputs);
            fused.Backward();
            AssertSameBits([reference.Data], [fused.Data], "loss");
            AssertSameBits(expected, parameters.Concat(fusedInputs.SelectMany(x => x)).Select(v => v.Grad), "eager grads");

            foreach (var v in parameters.Concat(fusedInputs.SelectMany(x => x))) v.Grad = 0;
            var tape = fused.Compile(parameters);
            AssertSameBits([reference.Data], [tape.Forward()], "replayed loss");
            tape.Backward();
            AssertSameBits(fromZero, parameters.Concat(fusedInputs.SelectMany(x => x)).Select(v => v.Grad), "replayed grads");
        }, iter: 300);

    [Fact]
    public void A_hundred_moons_steps_train_to_the_bit_as_the_written_out_graph_does()
    {
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var fused = new MLP(2, [16, 16, 1], seed: 1337);
        var written = new MLP(2, [16, 16, 1], seed: 1337);
        var fusedSgd = new Sgd(fused.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        var writtenSgd = new Sgd(written.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        for (var k = 0; k < 100; k++)
        {
            var a = Nn.Loss.Hinge([.. data.X.Select(x => fused.Forward(x)[0])], data.Y) + Nn.Loss.L2(fused.Parameters(), 1e-4);
            var b = Nn.Loss.Hinge([.. data.X.Select(x => WrittenOut(written, [.. x.Select(d => new Value(d))])[0])], data.Y)
                    + Nn.Loss.L2(written.Parameters(), 1e-4);
            fusedSgd.ZeroGrad();
            a.Backward();
            writtenSgd.ZeroGrad();
            b.Backward();
            AssertSameBits([b.Data], [a.Data], $"loss of step {k}");
            AssertSameBits(written.Parameters().Select(p => p.Grad), fused.Parameters().Select(p => p.Grad), $"grads of step {k}");
            fusedSgd.Step();
            writtenSgd.Step();
        }
        Assert.Equal(1.0, Nn.Loss.Accuracy([.. data.X.Select(x => fused.Forward(x)[0])], data.Y));
    }

    [Fact]
    public void The_weighted_sum_is_drawn_as_one_node_with_w0_x0_w1_x1_b_as_operands()
    {
        var neuron = new Neuron(2, Activation.Relu, new Random(4));
        var x = new[] { new Value(1.0, "x1"), new Value(0.5, "x2") };
        var h = neuron.Forward(x);
        var sum = h.Children.Single();
        Assert.Equal("Σw·x+b", sum.Op);
        Assert.Equal([neuron.W[0], x[0], neuron.W[1], x[1], neuron.B], sum.Children);
        Assert.Equal([1.0, neuron.W[0].Data, 0.5, neuron.W[1].Data, 1.0], sum.LocalDerivatives);
        Assert.Equal(neuron.W[0].Data * 1.0 + neuron.W[1].Data * 0.5 + neuron.B.Data, sum.Data);
        Assert.DoesNotContain(h.TopologicalOrder(), v => v.Op == "*"); // no product nodes left
        Assert.Equal(7, h.TopologicalOrder().Count); // w1, x1, w2, x2, b, Σw·x+b, ReLU
    }

    [Fact]
    public void Backward_from_a_hidden_value_after_an_edit_and_higher_derivatives_match_the_written_out_graph()
    {
        var model = new MLP(3, [4, 4, 1], Activation.Tanh, Activation.Tanh, seed: 42);
        Value[] x = [new(2.0), new(3.0), new(-1.0)];
        var fusedHidden = model.Layers[0].Forward(x)[2];
        var fusedOut = model.Forward(x)[0];
        var w = model.Layers[0].Neurons[2].W[1];
        w.Data = 0.3; // both graphs are now stale: Backward recomputes first

        fusedHidden.Backward();
        var fromHidden = model.Parameters().Select(p => p.Grad).ToArray();
        model.ZeroGrad();
        var writtenHidden = WrittenOut(model.Layers[0].Neurons[2], x);
        writtenHidden.Backward();
        AssertSameBits(model.Parameters().Select(p => p.Grad), fromHidden, "grads from a hidden neuron");
        AssertSameBits([writtenHidden.Data], [fusedHidden.Data], "hidden data after the edit");

        model.ZeroGrad();
        var writtenOut = WrittenOut(model, x)[0];
        AssertSameBits([writtenOut.Derivative(w).Data, writtenOut.Derivative(w).Derivative(w).Data],
            [fusedOut.Derivative(w).Data, fusedOut.Derivative(w).Derivative(w).Data], "first and second derivatives");

        var before = fusedOut.Snapshot();
        w.Data = -2;
        fusedOut.Recompute();
        Assert.NotEqual(before.Data, fusedOut.Data); // the snapshot keeps its own copy of the fused node
        Assert.Equal(WrittenOut(model, x)[0].Data, fusedOut.Data);
    }

    [Fact]
    public void Under_NoGrad_a_neuron_gives_a_leaf_and_its_inputs_are_copied_not_kept()
    {
        var neuron = new Neuron(2, Activation.Tanh, new Random(1));
        using (Value.NoGrad())
        {
            var h = neuron.Forward([new Value(1.0), new Value(2.0)]);
            Assert.True(h.IsLeaf);
        }
        var inputs = new List<Value> { new(1.0), new(2.0) };
        var kept = neuron.Forward(inputs);
        var data = kept.Data;
        inputs[0] = new Value(100.0); // the caller reuses its list: the graph must not change
        kept.Recompute();
        Assert.Equal(data, kept.Data);
        Assert.Throws<ArgumentNullException>(() => neuron.Forward([new Value(1.0), null!]));
    }
}
