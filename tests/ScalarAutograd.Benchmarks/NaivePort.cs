using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// micrograd translated line by line into C#, as a first port would be: a closure per node for its backward, a
/// HashSet of visited nodes and a recursive topological sort, a neuron's sum as a chain of additions starting from b.
/// The baseline "a straightforward C# port" of the performance page.
/// </summary>
internal sealed class NaivePort
{
    private sealed class V(double data, params V[] children)
    {
        public double Data = data;
        public double Grad;
        public Action Backward = () => { };
        public readonly V[] Prev = children;

        public static V operator +(V a, V b)
        {
            var o = new V(a.Data + b.Data, a, b);
            o.Backward = () => { a.Grad += o.Grad; b.Grad += o.Grad; };
            return o;
        }

        public static V operator *(V a, V b)
        {
            var o = new V(a.Data * b.Data, a, b);
            o.Backward = () => { a.Grad += b.Data * o.Grad; b.Grad += a.Data * o.Grad; };
            return o;
        }

        public V Relu()
        {
            var o = new V(Data < 0 ? 0 : Data, this);
            o.Backward = () => Grad += (o.Data > 0 ? 1 : 0) * o.Grad;
            return o;
        }

        public void BackwardAll()
        {
            var topo = new List<V>();
            var visited = new HashSet<V>();
            void Build(V v)
            {
                if (!visited.Add(v)) return;
                foreach (var child in v.Prev) Build(child);
                topo.Add(v);
            }
            Build(this);
            Grad = 1;
            for (var i = topo.Count - 1; i >= 0; i--) topo[i].Backward();
        }
    }

    private readonly V[][][] _w; // layer, neuron, input
    private readonly V[][] _b;
    private readonly V[] _parameters;
    private readonly Dataset _data;

    public NaivePort(MLP model, Dataset data)
    {
        _data = data;
        _w = [.. model.Layers.Select(l => l.Neurons.Select(n => n.W.Select(w => new V(w.Data)).ToArray()).ToArray())];
        _b = [.. model.Layers.Select(l => l.Neurons.Select(n => new V(n.B.Data)).ToArray())];
        _parameters = [.. _w.SelectMany((layer, l) => layer.SelectMany((ws, j) => ws.Append(_b[l][j])))];
    }

    public double Step(double learningRate)
    {
        var total = new V(0);
        for (var s = 0; s < _data.Count; s++)
        {
            var h = _data.X[s].Select(x => new V(x)).ToArray();
            for (var l = 0; l < _w.Length; l++)
            {
                var last = l == _w.Length - 1;
                h = [.. _w[l].Select((ws, j) =>
                {
                    var act = _b[l][j];
                    for (var i = 0; i < ws.Length; i++) act += ws[i] * h[i];
                    return last ? act : act.Relu();
                })];
            }
            total += (new V(1) + new V(-_data.Y[s]) * h[0]).Relu();
        }
        var loss = total * new V(1.0 / _data.Count);
        var l2 = new V(0);
        foreach (var p in _parameters) l2 += p * p;
        loss += new V(1e-4) * l2;
        foreach (var p in _parameters) p.Grad = 0;
        loss.BackwardAll();
        foreach (var p in _parameters) p.Data -= learningRate * p.Grad;
        return loss.Data;
    }
}
