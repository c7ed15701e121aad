using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalarAutograd.Rendering;

/// <summary>
/// A graph as the live page's script reads it (JSON): every value in topological order with its operation, the
/// indices of its operands and its data; which box in the drawing shows it; and a slider per input. Built only from
/// the engine's public surface: <see cref="Value.TopologicalOrder"/>, <see cref="Value.Op"/>,
/// <see cref="Value.Children"/>, <see cref="Value.IsLeaf"/>. The script recomputes local derivatives itself.
/// </summary>
internal static class LiveModel
{
    /// <summary>The operations the script knows (its tags are <see cref="Value.Op"/>; <c>^k</c> carries its exponent).</summary>
    public static readonly IReadOnlyList<string> Operations = ["+", "-", "*", "/", "neg", "^", "pow", "exp", "log", "tanh", "ReLU", "sigmoid", "Σ", "ReLU'", "∂pow/∂a", "∂pow/∂b", "Σw·x+b"];

    /// <param name="order">The graph, operands before results (the output last).</param>
    /// <param name="inputs">Positions in <paramref name="order"/> of the values that get a slider.</param>
    /// <param name="drawn">The drawing's node id (<c>v3</c>) of each value, where it is drawn.</param>
    /// <param name="options">The drawing's options: number format, grads, colours.</param>
    public static string Json(List<Value> order, IReadOnlyList<int> inputs, IReadOnlyDictionary<Value, string> drawn, GraphOptions options)
    {
        var index = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++) index[order[i]] = i;
        var json = new StringBuilder();
        json.Append("{\"format\":").Append(Text(options.NumberFormat))
            .Append(",\"showGrad\":").Append(options.ShowGrad ? "true" : "false")
            .Append(",\"colorByGrad\":").Append(options.ColorByGrad ? "true" : "false")
            .Append(",\"palette\":[").Append(Text(GradientPalette.Color(-1, 1))).Append(',')
            .Append(Text(GradientPalette.Color(0, 1))).Append(',').Append(Text(GradientPalette.Color(1, 1))).Append(']');
        json.Append(",\"values\":[");
        for (var i = 0; i < order.Count; i++)
        {
            var v = order[i];
            if (i > 0) json.Append(',');
            json.Append("{\"op\":").Append(Text(Tag(v))).Append(",\"data\":").Append(Number(v.Data));
            if (v.Op.StartsWith('^')) json.Append(",\"k\":").Append(Number(double.Parse(v.Op[1..], CultureInfo.InvariantCulture)));
            if (v.Children.Count > 0) json.Append(",\"args\":[").AppendJoin(',', v.Children.Select(c => index[c])).Append(']');
            if (v.Label is { } label) json.Append(",\"label\":").Append(Text(label));
            if (drawn.TryGetValue(v, out var id)) json.Append(",\"node\":").Append(Text(id));
            json.Append('}');
        }
        json.Append("],\"inputs\":[");
        for (var k = 0; k < inputs.Count; k++)
        {
            var v = order[inputs[k]];
            var (min, max, step) = SliderRange(v.Data);
            if (k > 0) json.Append(',');
            json.Append("{\"value\":").Append(inputs[k]).Append(",\"name\":").Append(Text(v.Label ?? $"leaf {k + 1}"))
                .Append(",\"min\":").Append(min).Append(",\"max\":").Append(max).Append(",\"step\":").Append(step).Append('}');
        }
        return json.Append("]}").ToString();
    }

    /// <summary>
    /// A symmetric slider range that holds the value with room to spare and crosses 0 (where relu and grads change
    /// sign): ±1, ±2, ±5, ±10, … at least 2·|value|; 1,000 steps across half of it. Decimal, so steps print exactly.
    /// </summary>
    public static (string Min, string Max, string Step) SliderRange(double value)
    {
        var reach = double.IsFinite(value) ? Math.Max(1, Math.Min(2 * Math.Abs(value), 1e12)) : 1;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10(reach)));
        var leading = (decimal)reach / power;
        var nice = (leading <= 1 ? 1 : leading <= 2 ? 2 : leading <= 5 ? 5 : 10) * power;
        var step = nice / 1000;
        return ((-nice).ToString(CultureInfo.InvariantCulture), nice.ToString(CultureInfo.InvariantCulture),
            step.ToString(CultureInfo.InvariantCulture));
    }

    private static string Tag(Value v)
    {
        var op = v.Op;
        var tag = op.StartsWith('^') ? "^" : op;
        if (!v.IsLeaf && !Operations.Contains(tag))
            throw new NotSupportedException($"The live graph does not know the operation '{op}' yet: draw this graph with ToSvg() instead.");
        return tag;
    }

    // Shortest round-trip text, so the script parses back the very same double; JSON has no NaN/∞, so those are strings.
    private static string Number(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : $"\"{x.ToString(CultureInfo.InvariantCulture)}\"";

    private static string Text(string s) => "\"" + JsonEncodedText.Encode(s) + "\""; // escapes < > & too: safe inside <script>
}
