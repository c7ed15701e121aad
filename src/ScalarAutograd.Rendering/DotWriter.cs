using System.Globalization;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>Writes a Value graph as DOT in micrograd's look: a box per value, a small oval per operation.</summary>
internal static class DotWriter
{
    public static string Write(Value output, GraphOptions options, FrameView? frame = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxValues < 1)
            throw new ArgumentException($"MaxValues must be at least 1 (got {options.MaxValues}).", nameof(options));
        CheckNumberFormat(options.NumberFormat);

        var values = NearestFirst(output);
        var shown = Math.Min(values.Count, options.MaxValues);
        var ids = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < shown; i++) ids[values[i]] = i;
        var look = new DotLook(output, values.Take(shown), options, frame);
        // A frame shows a pass on purpose half done; a whole graph says what in it is stale or inconsistent.
        var report = frame is null ? output.Inspect() : null;

        var dot = new StringBuilder();
        dot.Append("digraph G {\n");
        dot.Append("  rankdir=").Append(options.Direction == GraphDirection.TopToBottom ? "TB" : "LR").Append(";\n");
        dot.Append("  node [fontname=\"Helvetica\" fontsize=12];\n");
        dot.Append("  edge [color=\"#555555\" fontname=\"Helvetica\"];\n");
        // Emit inputs first: Graphviz lays out more naturally when operands come before results.
        for (var i = shown - 1; i >= 0; i--) WriteValue(dot, values[i], i, ids, look, Marks.Of(values[i], report, options));
        if (shown < values.Count)
        {
            var more = values.Count - shown;
            dot.Append("  more [shape=box style=\"dashed,rounded\" label=\"… ")
               .Append(more.ToString("N0", CultureInfo.InvariantCulture))
               .Append(more == 1 ? " more value" : " more values").Append("\"];\n");
        }
        if (look.ShowLegend) dot.Append(GradientPalette.LegendNode(look.MaxAbsGrad, options));
        if (report?.Note is { } note) dot.Append(Marks.Caption(note));
        dot.Append("}\n");
        return dot.ToString();
    }

    // Breadth-first from the output, operands in order: ids follow this order, so the same graph gives the same DOT.
    internal static List<Value> NearestFirst(Value output)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance) { output };
        var order = new List<Value> { output };
        for (var next = 0; next < order.Count; next++)
        {
            foreach (var child in order[next].Children)
            {
                if (seen.Add(child)) order.Add(child);
            }
        }
        return order;
    }

    private static void WriteValue(StringBuilder dot, Value v, int id, Dictionary<Value, int> ids, DotLook look, string? mark)
    {
        var (fill, border) = look.Box(v);
        dot.Append("  v").Append(id).Append(" [shape=plain label=<<table border=\"").Append(mark is null ? '0' : '2')
           .Append("\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\"");
        if (fill is not null) dot.Append(" bgcolor=\"").Append(fill).Append('"');
        if ((mark is null ? border : Marks.Border) is { } color) dot.Append(" color=\"").Append(color).Append('"');
        dot.Append("><tr>");
        if (!string.IsNullOrEmpty(v.Label)) dot.Append("<td><b>").Append(DotText.Html(v.Label)).Append("</b></td>");
        dot.Append("<td>data ").Append(DotText.Html(look.Number(v.Data))).Append("</td>");
        if (look.ShowGrad)
        {
            if (look.Grad(v) is { } grad) dot.Append("<td>grad ").Append(DotText.Html(look.Number(grad))).Append("</td>");
            else dot.Append("<td><font color=\"#999999\">grad ?</font></td>"); // backward has not reached it yet
        }
        if (mark is not null) dot.Append(Marks.Cell(mark));
        dot.Append("</tr></table>>];\n");
        if (v.IsLeaf) return;

        dot.Append("  v").Append(id).Append("op [shape=ellipse style=filled fillcolor=\"")
           .Append(look.Ran(v) ? DotLook.RanFill : "#f2f2f2").Append("\" margin=0.05 height=0.3 label=\"")
           .Append(DotText.Quoted(v.Op)).Append("\"];\n");
        var cutOff = false;
        var children = v.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (ids.TryGetValue(children[i], out var childId))
                dot.Append("  v").Append(childId).Append(" -> v").Append(id).Append("op").Append(look.OperandEdge(v, i)).Append(";\n");
            else cutOff = true;
        }
        if (cutOff) dot.Append("  more -> v").Append(id).Append("op [style=dashed];\n");
        dot.Append("  v").Append(id).Append("op -> v").Append(id).Append(look.ResultEdge(v)).Append(";\n");
    }

    private static void CheckNumberFormat(string format)
    {
        try
        {
            _ = 1.0.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ArgumentException(
                $"NumberFormat '{format}' is not a .NET number format for double: use e.g. \"F4\" (2.0000) or \"G6\".", "options");
        }
    }
}
