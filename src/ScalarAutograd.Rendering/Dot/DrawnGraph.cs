namespace ScalarAutograd.Rendering;

/// <summary>One value of a graph built by some other class than <see cref="Value"/> — a learner's own, in a notebook.</summary>
/// <param name="Label">Its name, or null.</param>
/// <param name="Data">Its number.</param>
/// <param name="Grad">Its gradient.</param>
/// <param name="Op">The operation that made it; empty for a leaf.</param>
/// <param name="Operands">Where, in the same list, the values it was computed from are (−1: beyond what was read).</param>
/// <param name="Wrong">When set, the value is drawn in a red box with this short tag (an exercise checker's verdict).</param>
internal sealed record DrawnValue(string? Label, double Data, double Grad, string Op, IReadOnlyList<int> Operands, string? Wrong = null);

/// <summary>
/// A learner's graph as read, nearest the output first (index 0 is the output): at most a bounded number of values,
/// so a graph that never ends (operands made anew on every read, or an endless Operands) is read only so far.
/// </summary>
/// <param name="Values">The values read.</param>
/// <param name="Counted">Whether <paramref name="Values"/> is the whole graph (false: reading stopped at a limit).</param>
/// <param name="Note">Why reading stopped, when it did, in a line.</param>
internal sealed record DrawnWalk(IReadOnlyList<DrawnValue> Values, bool Counted = true, string? Note = null);

/// <summary>
/// Draws a graph given as <see cref="DrawnValue"/>s with <see cref="DotWriter"/>'s own boxes, ovals and limit, so a
/// class written in a notebook looks exactly like <see cref="Value"/>, and is drawn within the same render budget,
/// simplified the same way (a tree, grey copies) when its layout would take too long. Direction, number format,
/// grads, node limit and grad colours apply; what needs the engine's own records (edge labels, path highlights,
/// backward frames) does not. A value with <see cref="DrawnValue.Wrong"/> set is drawn in a red box, and
/// <c>note</c> is the caption under the graph.
/// </summary>
internal static class DrawnGraph
{
    public static string ToDot(IReadOnlyList<DrawnValue> values, GraphOptions options, string? note = null) =>
        ToDot(new DrawnWalk(values), options, note: note);

    public static string ToDot(DrawnWalk walk, GraphOptions options, bool simplified = false, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(walk);
        DotWriter.CheckOptions(options);
        var values = walk.Values;
        if (values.Count == 0) throw new ArgumentException("A graph needs at least its output value.", nameof(walk));
        options = LayoutChoice.Resolve(options, o => ToDot(walk, o, simplified, note));

        var shown = Math.Min(values.Count, options.MaxValues);
        var maxAbsGrad = values.Take(shown).Select(v => Math.Abs(v.Grad)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var firstUse = simplified ? FirstUses(values, shown) : null;
        string Number(double x) => NumberText.Format(x, options.NumberFormat);
        string? Fill(DrawnValue v) => options.ColorByGrad ? GradientPalette.Color(v.Grad, maxAbsGrad) : null;
        void Box(System.Text.StringBuilder dot, string name, DrawnValue v, bool copy)
        {
            var fill = Fill(v);
            DotWriter.AppendBox(dot, name, v.Label, Number(v.Data), options.ShowGrad, Number(v.Grad), copy ? fill ?? "#eeeeee" : fill,
                border: copy ? "#999999" : null, mark: copy ? null : v.Wrong, nodeAttributes: DotLook.TextColor(fill), wrong: !copy && v.Wrong is not null,
                stacked: options.Direction == GraphDirection.TopToBottom);
        }

        var dot = DotWriter.Begin(options);
        // Inputs first, as DotWriter does: Graphviz lays out more naturally when operands come before results.
        for (var id = shown - 1; id >= 0; id--)
        {
            var v = values[id];
            Box(dot, $"v{id}", v, copy: false);
            if (v.Operands.Count == 0) continue; // a leaf: no operation made it

            DotWriter.AppendOperation(dot, id, v.Op, DotWriter.OperationFill);
            var ids = v.Operands.Select(o => o >= 0 && o < shown ? o : -1).ToArray();
            var times = RepeatedOperands.Multiplicities(ids);
            var cutOff = false;
            for (var i = 0; i < ids.Length; i++)
            {
                var n = times?[i] ?? 1;
                if (ids[i] < 0) cutOff = true;
                else if (n == 0) continue; // drawn once, at its first use here, marked ×n
                else if (firstUse is null || firstUse[ids[i]] == (id, i))
                    dot.Append("  v").Append(ids[i]).Append(" -> v").Append(id).Append("op").Append(RepeatedOperands.Mark("", n)).Append(";\n");
                else
                {
                    Box(dot, $"v{id}u{i}", values[ids[i]], copy: true);
                    dot.Append("  v").Append(id).Append('u').Append(i).Append(" -> v").Append(id).Append("op").Append(RepeatedOperands.Mark("", n)).Append(";\n");
                }
            }
            if (cutOff && firstUse is null) dot.Append("  more -> v").Append(id).Append("op [style=dashed];\n");
            else if (cutOff) dot.Append("  v").Append(id).Append("cut [shape=plaintext label=\"…\"];\n  v").Append(id).Append("cut -> v").Append(id).Append("op [style=dashed];\n");
            dot.Append("  v").Append(id).Append("op -> v").Append(id).Append(";\n");
        }
        if (shown < values.Count || !walk.Counted) DotWriter.AppendMore(dot, Math.Max(1, values.Count - shown), walk.Counted);
        if (options.ColorByGrad) dot.Append(GradientPalette.LegendNode(maxAbsGrad, options));
        var caption = string.Join("\n", new[] { walk.Note, note }.OfType<string>());
        if (caption.Length > 0) dot.Append(Marks.Caption(caption, wrong: values.Any(v => v.Wrong is not null)));
        dot.Append("}\n");
        return dot.ToString();
    }

    // Where each shown value is first used, breadth-first from the output (the order the walk numbered them in): the
    // simplified drawing's one real edge to it; every further use gets a grey copy.
    private static (int User, int Operand)[] FirstUses(IReadOnlyList<DrawnValue> values, int shown)
    {
        var first = new (int, int)[shown];
        Array.Fill(first, (-1, -1));
        for (var user = 0; user < shown; user++)
        {
            var operands = values[user].Operands;
            for (var i = 0; i < operands.Count; i++)
            {
                if (operands[i] >= 0 && operands[i] < shown && first[operands[i]] == (-1, -1)) first[operands[i]] = (user, i);
            }
        }
        return first;
    }
}
