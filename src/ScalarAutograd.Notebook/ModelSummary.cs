using System.Net;
using System.Text;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Notebook;

/// <summary>A readable summary of a model: layers, neurons, activations, parameter count. Never a graph.</summary>
internal static class ModelSummary
{
    public static string Text(Module module) => module switch
    {
        MLP m => $"MLP({m.InputCount} → {string.Join(" → ", m.Layers.Select(l => l.Neurons.Count))}), {Count(m)} parameters\n" +
                 string.Join("\n", m.Layers.Select((l, i) => $"  layer {i}: {Describe(l)}")),
        Layer l => $"Layer: {Describe(l)}",
        Neuron n => $"{n} with {Count(n)} parameters (w = [{string.Join(", ", n.W.Select(w => w.Data.ToString("F4")))}], b = {n.B.Data:F4})",
        _ => module.ToString() ?? "",
    };

    public static string Html(Module module)
    {
        if (module is not MLP m) return $"<pre>{WebUtility.HtmlEncode(Text(module))}</pre>";
        var html = new StringBuilder();
        html.Append($"<div><b>MLP</b> with {m.InputCount} inputs and {Count(m):N0} parameters</div>");
        html.Append("<table><thead><tr><th>layer</th><th>inputs</th><th>neurons</th><th>activation</th><th>parameters</th></tr></thead><tbody>");
        foreach (var (layer, i) in m.Layers.Select((l, i) => (l, i)))
        {
            var n = layer.Neurons[0];
            html.Append($"<tr><td>{i}</td><td>{n.W.Count}</td><td>{layer.Neurons.Count}</td><td>{n.Activation}</td><td>{Count(layer):N0}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Describe(Layer l) =>
        $"{l.Neurons.Count} × {l.Neurons[0].Activation} neurons of {l.Neurons[0].W.Count} inputs ({Count(l)} parameters)";

    private static int Count(Module m) => m.Parameters().Count;
}
