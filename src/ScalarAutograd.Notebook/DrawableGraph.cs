using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using ScalarAutograd.Rendering;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Draws an <see cref="IDrawableValue"/>'s graph with the renderer's own boxes and ovals (<see cref="DrawnGraph"/>)
/// and the same cell look as <see cref="Value"/>; and registers that drawing as the cell output of every class that
/// implements the interface.
/// </summary>
public static class DrawableGraph
{
    /// <summary>The graph behind <paramref name="output"/> as DOT text, drawn as a <see cref="Value"/> graph of the same shape is.</summary>
    /// <exception cref="ArgumentException">An operand is null: the message names the value that lists it.</exception>
    public static string ToDot(IDrawableValue output, GraphOptions? options = null) =>
        DrawnGraph.ToDot(NearestFirst(output), options ?? GraphOptions.Default);

    /// <summary>The graph behind <paramref name="output"/> as an SVG document.</summary>
    public static string ToSvg(IDrawableValue output, GraphOptions? options = null) => Graphviz.RenderSvg(ToDot(output, options));

    internal static void Register()
    {
        Formatter.Register<IDrawableValue>((v, w) => w.Write(Html(v, NotebookFormatters.Options)), HtmlFormatter.MimeType);
        Formatter.Register<IDrawableValue>((v, w) => w.Write(Text(v)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(IDrawableValue), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>The graph inline, as a Value's is shown; or the value's text and a one-line reason. Never throws.</summary>
    internal static string Html(IDrawableValue v, GraphOptions options)
    {
        try
        {
            var values = NearestFirst(v);
            var picture = SvgHtml.Image(Graphviz.RenderSvg(DrawnGraph.ToDot(values, options)), "Computation graph of " + Text(v));
            var note = values.Count > options.MaxValues
                ? $"<div style=\"font-size:smaller;opacity:0.8\">Showing the {options.MaxValues:N0} values nearest the output, of {values.Count:N0}. " +
                  "Raise <code>MaxValues</code> (in the <code>GraphOptions</code> you drew with, or <code>NotebookFormatters.Options</code>) to see more.</div>"
                : "";
            return picture + note; // the same picture form as a Value's: legible at any width, kept by untrusted renderers
        }
        catch (Exception e) // a picture that cannot be drawn must never fail the cell: show the text and why
        {
            return $"<pre>{WebUtility.HtmlEncode(Text(v))}</pre><div>Graph not drawn: {WebUtility.HtmlEncode(e.Message.ReplaceLineEndings(" ").Trim())}</div>";
        }
    }

    /// <summary>
    /// The graph inline with the values <paramref name="wrong"/> tags drawn in red boxes and <paramref name="note"/>
    /// as the caption under it: an exercise checker's verdict. Throws when the graph cannot be drawn.
    /// </summary>
    internal static string MarkedHtml(IDrawableValue output, Func<IDrawableValue, string?> wrong, string note, GraphOptions options) =>
        SvgHtml.Image(Graphviz.RenderSvg(DrawnGraph.ToDot(NearestFirst(output, wrong), options, note)), "Computation graph of " + Text(output));

    // The learner's ToString, guarded: a throwing ToString must not fail the cell either.
    internal static string Text(IDrawableValue v)
    {
        try
        {
            return v.ToString() ?? v.GetType().Name;
        }
        catch (Exception e)
        {
            return $"{v.GetType().Name} (its ToString threw {e.GetType().Name}: {e.Message})";
        }
    }

    // Breadth-first from the output, operands in order, each value once (by reference): the order DotWriter numbers
    // a Value graph in, so the same shape gives the same DOT.
    internal static List<DrawnValue> NearestFirst(IDrawableValue output, Func<IDrawableValue, string?>? wrong = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ids = new Dictionary<IDrawableValue, int>(ReferenceEqualityComparer.Instance) { [output] = 0 };
        var order = new List<IDrawableValue> { output };
        var operands = new List<int[]>();
        for (var next = 0; next < order.Count; next++)
        {
            var v = order[next];
            var list = new List<int>();
            foreach (var operand in v.Operands ?? [])
            {
                if (operand is null)
                    throw new ArgumentException($"{Name(v)} lists a null operand: Operands must hold the values it was computed from.", nameof(output));
                if (!ids.TryGetValue(operand, out var id))
                {
                    ids[operand] = id = order.Count;
                    order.Add(operand);
                }
                list.Add(id);
            }
            operands.Add([.. list]);
        }
        return [.. order.Select((v, i) => new DrawnValue(v.Label, v.Data, v.Grad, v.Op ?? "", operands[i], wrong?.Invoke(v)))];
    }

    private static string Name(IDrawableValue v) =>
        v.Label is { } label ? $"The value '{label}'" : $"A {v.GetType().Name} made by '{v.Op}'";
}
