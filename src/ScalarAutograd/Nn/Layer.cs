using System.Runtime.CompilerServices;

namespace ScalarAutograd.Nn;

/// <summary>A layer of neurons that all see the same inputs.</summary>
public sealed class Layer : Module
{
    private readonly Neuron[] _neurons;

    /// <summary>A layer of <paramref name="nout"/> neurons with <paramref name="nin"/> inputs each.</summary>
    public Layer(int nin, int nout, Activation activation, Random random)
    {
        RequirePositive(nin, nameof(nin));
        RequirePositive(nout, nameof(nout));
        _neurons = new Neuron[nout];
        for (var i = 0; i < nout; i++) _neurons[i] = new Neuron(nin, activation, random);
    }

    /// <summary>The neurons, in order.</summary>
    public IReadOnlyList<Neuron> Neurons => _neurons;

    /// <summary>Each neuron's output, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Value[] Forward(IReadOnlyList<Value> x)
    {
        RequireInputs(x, _neurons[0].W.Count);
        return ForwardOver([.. x]); // one copy for all the neurons: their nodes keep it
    }

    // The same over an array nobody changes afterwards (the previous layer's outputs).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Value[] ForwardOver(Value[] x)
    {
        var outputs = new Value[_neurons.Length];
        for (var i = 0; i < _neurons.Length; i++) outputs[i] = _neurons[i].ForwardOver(x);
        return outputs;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters()
    {
        var ps = new List<Value>();
        foreach (var n in _neurons) ps.AddRange(n.Parameters());
        return ps;
    }

    /// <summary><c>Layer of [ReLUNeuron(2), …]</c>, as micrograd prints it.</summary>
    public override string ToString() => $"Layer of [{string.Join(", ", _neurons.Select(n => n.ToString()))}]";
}
