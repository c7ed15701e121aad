using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// The floor: micrograd's moons step written by hand over plain arrays, no graph at all. The same model (its
/// weights copied from <c>MLP(2, [16, 16, 1], seed: 1337)</c>), data, hinge + 1e-4·L2 and SGD; forward, backward and
/// update as loops. What any autograd engine's step costs on top of the arithmetic is measured against this.
/// </summary>
internal sealed class Floor
{
    private readonly double[][] _w; // per layer: weights, row-major [neuron, input]
    private readonly double[][] _b; // per layer: biases
    private readonly double[][] _gw;
    private readonly double[][] _gb;
    private readonly int[] _sizes; // inputs, then each layer's width
    private readonly double[][][] _act; // per sample, per layer: the layer's input (0) and outputs
    private readonly double[][] _delta; // per layer: ∂loss/∂pre-activation of the current sample
    private readonly Dataset _data;

    public Floor(MLP model, Dataset data)
    {
        _data = data;
        _sizes = [model.InputCount, .. model.Layers.Select(l => l.Neurons.Count)];
        var layers = model.Layers.Count;
        (_w, _b, _gw, _gb, _delta) = (new double[layers][], new double[layers][], new double[layers][], new double[layers][], new double[layers][]);
        for (var l = 0; l < layers; l++)
        {
            var neurons = model.Layers[l].Neurons;
            _w[l] = [.. neurons.SelectMany(n => n.W.Select(w => w.Data))];
            _b[l] = [.. neurons.Select(n => n.B.Data)];
            _gw[l] = new double[_w[l].Length];
            _gb[l] = new double[_b[l].Length];
            _delta[l] = new double[_b[l].Length];
        }
        _act = [.. data.X.Select(_ => _sizes.Select(n => new double[n]).ToArray())];
    }

    /// <summary>One full-batch step: forward, hinge + L2, backward, p −= lr·grad. Returns the loss. Allocates nothing.</summary>
    public double Step(double learningRate)
    {
        var layers = _w.Length;
        var n = _data.Count;
        var loss = 0.0;
        for (var s = 0; s < n; s++)
        {
            var a = _act[s];
            _data.X[s].AsSpan().CopyTo(a[0]);
            for (var l = 0; l < layers; l++) Layer(l, a[l], a[l + 1], relu: l < layers - 1);
            loss += Math.Max(0, 1 - _data.Y[s] * a[layers][0]);
        }
        loss /= n;
        var l2 = 0.0;
        for (var l = 0; l < layers; l++)
        {
            foreach (var w in _w[l]) l2 += w * w;
            foreach (var b in _b[l]) l2 += b * b;
        }
        loss += 1e-4 * l2;

        for (var l = 0; l < layers; l++)
        {
            for (var i = 0; i < _w[l].Length; i++) _gw[l][i] = 2e-4 * _w[l][i];
            for (var i = 0; i < _b[l].Length; i++) _gb[l][i] = 2e-4 * _b[l][i];
        }
        for (var s = 0; s < n; s++)
        {
            var a = _act[s];
            var y = _data.Y[s];
            _delta[layers - 1][0] = 1 - y * a[layers][0] > 0 ? -y / n : 0; // ∂hinge/∂score
            for (var l = layers - 1; l >= 0; l--)
            {
                var (nin, nout) = (_sizes[l], _sizes[l + 1]);
                var (w, gw, gb, delta, input) = (_w[l], _gw[l], _gb[l], _delta[l], a[l]);
                var below = l > 0 ? _delta[l - 1] : null;
                if (below is not null) Array.Clear(below);
                for (var j = 0; j < nout; j++)
                {
                    var d = delta[j];
                    gb[j] += d;
                    var row = j * nin;
                    for (var i = 0; i < nin; i++)
                    {
                        gw[row + i] += input[i] * d;
                        if (below is not null) below[i] += w[row + i] * d;
                    }
                }
                if (below is not null)
                {
                    for (var i = 0; i < nin; i++) if (!(input[i] > 0)) below[i] = 0; // relu' of the layer below
                }
            }
        }
        for (var l = 0; l < layers; l++)
        {
            for (var i = 0; i < _w[l].Length; i++) _w[l][i] -= learningRate * _gw[l][i];
            for (var i = 0; i < _b[l].Length; i++) _b[l][i] -= learningRate * _gb[l][i];
        }
        return loss;
    }

    private void Layer(int l, double[] input, double[] output, bool relu)
    {
        var (w, b, nin) = (_w[l], _b[l], _sizes[l]);
        for (var j = 0; j < output.Length; j++)
        {
            var total = 0.0;
            var row = j * nin;
            for (var i = 0; i < nin; i++) total += w[row + i] * input[i];
            total += b[j];
            output[j] = relu && total < 0 ? 0 : total;
        }
    }
}
