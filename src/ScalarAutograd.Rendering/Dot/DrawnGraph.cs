using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>One value of a graph built by some other class than <see cref="Value"/> — a learner's own, in a notebook.</summary>
/// <param name="Label">Its name, or null.</param>
/// <param name="Data">Its number.</param>
/// <param name="Grad">Its gradient.</param>
/// <param name="Op">The operation that made it; empty for a leaf.</param>
/// <param name="Operands">Where, in the same list, the values it was computed from are.</param>
internal sealed record DrawnValue(string? Label, double Data, double Grad, string Op, IReadOnlyList<int> Operands);

/// <summary>
/// Draws a graph given as <see cref="DrawnValue"/>s, nearest the output first (index 0 is the output), with
/// <see cref="DotWriter"/>'s own boxes, ovals and limit, so a class written in a notebook looks exactly like
/// <see cref="Value"/>. Direction, number format, grads, node limit and grad colours apply; what needs the engine's
/// own records (edge labels, path highlights, backward frames) does not.
/// </summary>
internal static class DrawnGraph
{
    public static string ToDot(IReadOnlyList<DrawnValue> values, GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        DotWriter.CheckOptions(options);
        if (values.Count == 0) throw new ArgumentException("A graph needs at least its output value.", nameof(values));
        options = LayoutChoice.Resolve(options, o => ToDot(values, o));

        var shown = Math.Min(values.Count, options.MaxValues);
        var maxAbsGrad = values.Take(shown).Select(v => Math.Abs(v.Grad)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        string Number(double x) => NumberText.Format(x, options.NumberFormat);

        var dot = DotWriter.Begin(options);
        // Inputs first, as DotWriter does: Graphviz lays out more naturally when operands come before results.
        for (var id = shown - 1; id >= 0; id--)
        {
            var v = values[id];
            var fill = options.ColorByGrad ? GradientPalette.Color(v.Grad, maxAbsGrad) : null;
            DotWriter.AppendBox(dot, $"v{id}", v.Label, Number(v.Data), options.ShowGrad, Number(v.Grad), fill, border: null, mark: null,
                nodeAttributes: DotLook.TextColor(fill), stacked: options.Direction == GraphDirection.TopToBottom);
            if (v.Operands.Count == 0) continue; // a leaf: no operation made it

            DotWriter.AppendOperation(dot, id, v.Op, DotWriter.OperationFill);
            var cutOff = false;
            foreach (var operand in v.Operands)
            {
                if (operand < shown) dot.Append("  v").Append(operand).Append(" -> v").Append(id).Append("op;\n");
                else cutOff = true;
            }
            if (cutOff) dot.Append("  more -> v").Append(id).Append("op [style=dashed];\n");
            dot.Append("  v").Append(id).Append("op -> v").Append(id).Append(";\n");
        }
        if (shown < values.Count) DotWriter.AppendMore(dot, values.Count - shown);
        if (options.ColorByGrad) dot.Append(GradientPalette.LegendNode(maxAbsGrad, options));
        dot.Append("}\n");
        return dot.ToString();
    }
}
