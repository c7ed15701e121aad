using System.Runtime.CompilerServices;

namespace ScalarAutograd.Nn;

/// <summary>One neuron: activation(Σ wᵢ·xᵢ + b), with weights drawn uniformly from [−1, 1] like micrograd.</summary>
public sealed class Neuron : Module
{
    private readonly Value[] _w;

    /// <summary>A neuron with <paramref name="nin"/> inputs.</summary>
    /// <param name="nin">Number of inputs (at least 1).</param>
    /// <param name="activation">The non-linearity applied to the weighted sum.</param>
    /// <param name="random">Where the initial weights come from; seed it for a reproducible run.</param>
    public Neuron(int nin, Activation activation, Random random)
    {
        RequirePositive(nin, nameof(nin));
        ArgumentNullException.ThrowIfNull(random);
        _w = new Value[nin];
        for (var i = 0; i < nin; i++) _w[i] = new Value(random.NextDouble() * 2 - 1);
        B = new Value(0);
        Activation = activation;
    }

    /// <summary>The weights, one per input.</summary>
    public IReadOnlyList<Value> W => _w;

    /// <summary>The bias.</summary>
    public Value B { get; }

    /// <summary>The non-linearity.</summary>
    public Activation Activation { get; }

    /// <summary>activation(Σ wᵢ·xᵢ + b), the weighted sum as one node (drawn <c>Σw·x+b</c>).</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from the number of weights.</exception>
    public Value Forward(IReadOnlyList<Value> x)
    {
        RequireInputs(x, _w.Length);
        return ForwardOver([.. x]); // a copy: the node keeps its inputs, and the caller may reuse the list
    }

    // The same over inputs nobody changes afterwards (a layer's), shared by every neuron of the layer.
    // Optimized from the first call, like the engine's hot paths (Value.Node.cs).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Value ForwardOver(Value[] x)
    {
        var act = Value.Dot(_w, x, B); // Σ wᵢ·xᵢ + b: what micrograd writes sum((wi*xi for …), self.b), as one node
        return Activation switch
        {
            Activation.Relu => act.Relu(),
            Activation.Tanh => act.Tanh(),
            _ => act,
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters() => [.. _w, B];

    /// <summary><c>ReLUNeuron(2)</c>, as micrograd prints it.</summary>
    public override string ToString() => Activation switch
    {
        Activation.Relu => "ReLU",
        Activation.Tanh => "Tanh",
        _ => "Linear",
    } + $"Neuron({_w.Length})";
}
