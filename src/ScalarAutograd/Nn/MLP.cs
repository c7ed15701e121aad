using System.Runtime.CompilerServices;

namespace ScalarAutograd.Nn;

/// <summary>A multi-layer perceptron: layers of neurons, each layer feeding the next.</summary>
/// <example><code>
/// var model = new MLP(2, [16, 16, 1], seed: 1337);          // micrograd: ReLU hidden, linear output
/// var lecture = new MLP(3, [4, 4, 1], Activation.Tanh, Activation.Tanh, seed: 42); // the lecture: tanh everywhere
/// Value score = model.Forward(2.0, -1.0)[0];
/// </code></example>
public sealed class MLP : Module
{
    private readonly Layer[] _layers;

    /// <summary>An MLP with <paramref name="nin"/> inputs and one layer per entry of <paramref name="nouts"/>.</summary>
    /// <param name="nin">Number of inputs (at least 1).</param>
    /// <param name="nouts">Neurons per layer, e.g. <c>[16, 16, 1]</c>; each at least 1.</param>
    /// <param name="hidden">Activation of every layer but the last.</param>
    /// <param name="output">Activation of the last layer.</param>
    /// <param name="seed">Seed for the initial weights: the same seed gives the same network. Null: a fresh random seed.</param>
    public MLP(int nin, int[] nouts, Activation hidden = Activation.Relu, Activation output = Activation.Linear, int? seed = null)
    {
        RequirePositive(nin, nameof(nin));
        ArgumentNullException.ThrowIfNull(nouts);
        if (nouts.Length == 0) throw new ArgumentException("Expected at least one layer size but got none.", nameof(nouts));
        var random = seed is { } s ? new Random(s) : new Random();
        _layers = new Layer[nouts.Length];
        for (var i = 0; i < nouts.Length; i++)
        {
            RequirePositive(nouts[i], $"{nameof(nouts)}[{i}]");
            _layers[i] = new Layer(i == 0 ? nin : nouts[i - 1], nouts[i], i == nouts.Length - 1 ? output : hidden, random);
        }
        InputCount = nin;
    }

    /// <summary>How many inputs a forward call takes.</summary>
    public int InputCount { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The last layer's outputs (one value for a one-neuron output layer: <c>Forward(x)[0]</c>).</summary>
    /// <exception cref="ArgumentException">The number of inputs differs from <see cref="InputCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Value[] Forward(IReadOnlyList<Value> x)
    {
        RequireInputs(x, InputCount);
        Value[] h = [.. x]; // the first layer's nodes keep their inputs: a copy the caller cannot change
        foreach (var layer in _layers) h = layer.ForwardOver(h);
        return h;
    }

    /// <summary>Forward on plain numbers: <c>model.Forward(2.0, -1.0)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Value[] Forward(params double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Forward(Array.ConvertAll(x, d => new Value(d)));
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters()
    {
        var ps = new List<Value>();
        foreach (var layer in _layers) ps.AddRange(layer.Parameters());
        return ps;
    }

    /// <summary><c>MLP of [Layer of […], …]</c>, as micrograd prints it.</summary>
    public override string ToString() => $"MLP of [{string.Join(", ", _layers.Select(l => l.ToString()))}]";
}
