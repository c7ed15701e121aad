using System.Globalization;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>Writes a Value graph as DOT in micrograd's look: a box per value, a small oval per operation.</summary>
internal static class DotWriter
{
    internal const string OperationFill = "#f2f2f2";

    /// <summary>The most values counted for the "… N more values" node: counting a 10⁷-value graph would take seconds.</summary>
    public const int CountLimit = 100_000;

    /// <summary>
    /// The graph as DOT. <paramref name="simplified"/> draws it as a tree, which dot lays out in linear time: each value
    /// once, with its operation, where it is nearest the output, and a grey copy of its box at every further use.
    /// <paramref name="note"/> is one line under the graph; <paramref name="dpi"/> (when positive) sets bitmap resolution.
    /// </summary>
    public static string Write(Value output, GraphOptions options, FrameView? frame = null, bool simplified = false, string? note = null, double dpi = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckOptions(options);
        options = LayoutChoice.Resolve(options, o => Write(output, o, frame, simplified, note));

        var walk = NearestFirst.Walk(output, options.MaxValues, CountLimit);
        var values = walk.Values;
        var shown = values.Count;
        var ids = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < shown; i++) ids[values[i]] = i;
        // A frame shows a pass on purpose half done; a whole graph says what in it is stale or inconsistent. Inspecting
        // walks the whole graph, so a graph too big to count (over CountLimit values) goes without.
        var report = frame is null && walk.Counted ? output.Inspect() : null;
        var look = new DotLook(output, values, options, frame, report);

        var dot = Begin(options, dpi);
        // Emit inputs first: Graphviz lays out more naturally when operands come before results.
        for (var i = shown - 1; i >= 0; i--) WriteValue(dot, values[i], i, ids, look, v => Marks.Of(v, report, options), simplified ? walk : null);
        if (walk.More > 0) AppendMore(dot, walk.More, walk.Counted);
        if (look.ShowLegend) dot.Append(GradientPalette.LegendNode(look.MaxAbsGrad, options));
        // One caption under the graph: what Inspect found, then why the drawing is simplified (each one line).
        var caption = string.Join("\n", new[] { report?.Note, note }.OfType<string>());
        if (caption.Length > 0) dot.Append(Marks.Caption(caption));
        dot.Append("}\n");
        return dot.ToString();
    }

    // With a walk (simplified), an operand drawn elsewhere becomes a grey copy and a cut-off operand its own "…".
    private static void WriteValue(StringBuilder dot, Value v, int id, Dictionary<Value, int> ids, DotLook look, Func<Value, string?> markOf, NearestFirst? tree)
    {
        WriteBox(dot, $"v{id}", v, look, markOf(v), copy: false);
        if (v.IsLeaf) return;

        AppendOperation(dot, id, v.Op, look.Ran(v) ? DotLook.RanFill : OperationFill);
        var cutOff = false;
        var children = v.Children;
        var childIds = new int[children.Count];
        for (var i = 0; i < children.Count; i++) childIds[i] = ids.TryGetValue(children[i], out var shownId) ? shownId : -1;
        var times = RepeatedOperands.Multiplicities(childIds);
        for (var i = 0; i < children.Count; i++)
        {
            var childId = childIds[i];
            var n = times?[i] ?? 1;
            if (childId < 0) cutOff = true;
            else if (n == 0) continue; // drawn once, at its first use here, marked ×n
            else if (tree is null || tree.IsFirstUse(childId, id, i))
                dot.Append("  v").Append(childId).Append(" -> v").Append(id).Append("op").Append(RepeatedOperands.Mark(look.OperandEdge(v, i), n)).Append(";\n");
            else
            {
                WriteBox(dot, $"v{id}u{i}", children[i], look, markOf(children[i]), copy: true);
                dot.Append("  v").Append(id).Append('u').Append(i).Append(" -> v").Append(id).Append("op").Append(RepeatedOperands.Mark(look.OperandEdge(v, i), n)).Append(";\n");
            }
        }
        if (cutOff && tree is null) dot.Append("  more -> v").Append(id).Append("op [style=dashed];\n");
        else if (cutOff) dot.Append("  v").Append(id).Append("cut [shape=plaintext label=\"…\"];\n  v").Append(id).Append("cut -> v").Append(id).Append("op [style=dashed];\n");
        dot.Append("  v").Append(id).Append("op -> v").Append(id).Append(look.ResultEdge(v)).Append(";\n");
    }

    private static void WriteBox(StringBuilder dot, string name, Value v, DotLook look, string? mark, bool copy)
    {
        var (fill, border) = look.Box(v);
        if (copy) (fill, border) = (fill ?? "#eeeeee", "#999999");
        var grad = look.Grad(v) is { } g ? look.Number(g) : null;
        AppendBox(dot, name, v.Label, look.Number(v.Data), look.ShowGrad, grad, fill, border, mark, look.GradCell(v), look.NodeAttributes(v, copy), stacked: look.Stacked);
    }

    // The pieces below are shared with DrawnGraph, which draws a learner's own value class with the same look.

    /// <summary>The graph's opening lines: direction, resolution (when positive), fonts, edge colour.</summary>
    internal static StringBuilder Begin(GraphOptions options, double dpi = 0)
    {
        var dot = new StringBuilder();
        dot.Append("digraph G {\n");
        dot.Append("  rankdir=").Append(options.Direction == GraphDirection.TopToBottom ? "TB" : "LR").Append(";\n");
        // Ranks closer than Graphviz's default 0.5 in: the lecture's graph then fits a notebook cell (see SvgHtml).
        dot.Append("  ranksep=0.3;\n");
        if (dpi > 0) dot.Append("  dpi=").Append(dpi.ToString("0.##", CultureInfo.InvariantCulture)).Append(";\n");
        dot.Append("  node [fontname=\"Helvetica\" fontsize=12];\n");
        dot.Append("  edge [color=\"#555555\" fontname=\"Helvetica\"];\n");
        return dot;
    }

    /// <summary>
    /// A value's box: label | data | grad (<paramref name="grad"/> null: backward has not reached it yet), and a
    /// <see cref="Marks"/> cell with a thick orange outline when <paramref name="mark"/> is set (red when
    /// <paramref name="wrong"/>: an exercise checker's verdict). <paramref name="stacked"/> puts the cells one above the
    /// other (top-to-bottom layouts: a box a third as wide keeps each rank narrow).
    /// </summary>
    internal static void AppendBox(StringBuilder dot, string name, string? label, string data, bool showGrad, string? grad,
        string? fill, string? border, string? mark, string gradCell = "", string nodeAttributes = "", bool wrong = false, bool stacked = false)
    {
        dot.Append("  ").Append(name).Append(" [shape=plain label=<<table border=\"").Append(mark is null ? '0' : '2')
           .Append("\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\"");
        if (fill is not null) dot.Append(" bgcolor=\"").Append(fill).Append('"');
        if ((mark is null ? border : wrong ? Marks.WrongBorder : Marks.Border) is { } color) dot.Append(" color=\"").Append(color).Append('"');
        dot.Append('>');
        var cells = new List<string>();
        if (!string.IsNullOrEmpty(label)) cells.Add("<td><b>" + DotText.Html(LongText.Shown(label)) + "</b></td>");
        cells.Add("<td>data " + DotText.Html(data) + "</td>");
        if (showGrad)
        {
            cells.Add(grad is not null
                ? "<td" + gradCell + ">grad " + DotText.Html(grad) + "</td>"
                : "<td" + gradCell + "><font color=\"#595959\">grad ?</font></td>"); // backward has not reached it yet
        }
        if (mark is not null) cells.Add(Marks.Cell(mark, wrong));
        if (stacked) foreach (var cell in cells) dot.Append("<tr>").Append(cell).Append("</tr>");
        else dot.Append("<tr>").Append(string.Concat(cells)).Append("</tr>");
        dot.Append("</table>>").Append(nodeAttributes).Append(LongText.Tooltip(label)).Append("];\n");
    }

    /// <summary>The small oval of the operation that made value v<paramref name="id"/>.</summary>
    internal static void AppendOperation(StringBuilder dot, int id, string op, string fill) =>
        dot.Append("  v").Append(id).Append("op [shape=ellipse style=filled fillcolor=\"")
           .Append(fill).Append("\" margin=0.05 width=0.4 height=0.3 label=<").Append(DotText.Html(LongText.Shown(op))).Append(">];\n");

    /// <summary>The node that stands for the values beyond the drawing limit ("over N" when not all were counted).</summary>
    internal static void AppendMore(StringBuilder dot, int more, bool counted = true) =>
        dot.Append("  more [shape=box style=\"dashed,rounded\" label=\"… ").Append(counted ? "" : "over ")
           .Append(more.ToString("N0", CultureInfo.InvariantCulture))
           .Append(more == 1 ? " more value" : " more values").Append("\"];\n");

    /// <summary>Options a drawing can use: a node limit of at least 1 and a .NET number format.</summary>
    internal static void CheckOptions(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxValues < 1)
            throw new ArgumentException($"MaxValues must be at least 1 (got {options.MaxValues}).");
        CheckNumberFormat(options.NumberFormat);
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
                $"NumberFormat '{format}' is not a .NET number format for double: use e.g. \"F4\" (2.0000) or \"G6\".");
        }
    }
}
