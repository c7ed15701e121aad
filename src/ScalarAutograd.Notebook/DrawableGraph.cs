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

    /// <summary>
    /// The graph behind <paramref name="output"/> as an SVG document, within <see cref="GraphOptions.RenderBudget"/>
    /// as a <see cref="Value"/>'s is: a graph whose layout would take longer is drawn simplified, with a note.
    /// </summary>
    public static string ToSvg(IDrawableValue output, GraphOptions? options = null) => Svg(NearestFirst(output), options ?? GraphOptions.Default);

    // Within the render budget; a caption of the caller's (a checker's verdict) goes above the budget's own note.
    private static string Svg(DrawnWalk walk, GraphOptions options, string? caption = null) =>
        System.Text.Encoding.UTF8.GetString(GraphRender.Render((o, simplified, note) =>
            DrawnGraph.ToDot(walk, o, simplified, caption is null ? note : note is null ? caption : caption + "\n" + note), options, "svg").Bytes);

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
            var walk = NearestFirst(v);
            var values = walk.Values;
            var picture = SvgHtml.Image(Svg(walk, options), "Computation graph of " + Text(v));
            var of = walk.Counted ? $"of {values.Count:N0}" : $"of over {values.Count:N0} (reading stopped there)";
            var note = values.Count > options.MaxValues || !walk.Counted
                ? $"<div style=\"font-size:smaller;opacity:0.8\">Showing the {Math.Min(options.MaxValues, values.Count):N0} values nearest the output, {of}. " +
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
        SvgHtml.Image(Svg(NearestFirst(output, wrong), options, note), "Computation graph of " + Text(output));

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

    /// <summary>The most values read from a learner's graph: as many as a <see cref="Value"/> drawing counts.</summary>
    internal const int MaxValuesRead = 100_000;

    /// <summary>The most operands read in all: an <c>Operands</c> that never ends is read only so far.</summary>
    internal const int MaxOperandsRead = 1_000_000;

    // Breadth-first from the output, operands in order, each value once (by reference): the order DotWriter numbers
    // a Value graph in, so the same shape gives the same DOT. Bounded: a learner's Operands may hand out new objects
    // on every read (an endless graph) or never stop enumerating, so reading stops at a limit and says so.
    internal static DrawnWalk NearestFirst(IDrawableValue output, Func<IDrawableValue, string?>? wrong = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ids = new Dictionary<IDrawableValue, int>(ReferenceEqualityComparer.Instance) { [output] = 0 };
        var order = new List<IDrawableValue> { output };
        var operands = new List<int[]>();
        var reads = 0;
        string? stopped = null;
        for (var next = 0; next < order.Count; next++)
        {
            var v = order[next];
            var list = new List<int>();
            if (stopped is not null)
            {
                operands.Add(string.IsNullOrEmpty(v.Op) ? [] : [-1]); // not read: its operands show as cut off
                continue;
            }
            foreach (var operand in v.Operands ?? [])
            {
                if (operand is null)
                    throw new ArgumentException($"{Name(v)} lists a null operand: Operands must hold the values it was computed from.", nameof(output));
                if (++reads > MaxOperandsRead)
                {
                    stopped = $"Stopped reading after {MaxOperandsRead:N0} operands: does an Operands never end?";
                    break;
                }
                if (!ids.TryGetValue(operand, out var id))
                {
                    if (order.Count >= MaxValuesRead) id = -1; // beyond what is read: drawn as cut off
                    else
                    {
                        ids[operand] = id = order.Count;
                        order.Add(operand);
                    }
                }
                list.Add(id);
            }
            operands.Add([.. list]);
        }
        var counted = stopped is null && !operands.Any(o => o.Contains(-1));
        if (stopped is null && !counted) stopped = $"Stopped reading after {MaxValuesRead:N0} values: is a new value made on every read of Operands?";
        var values = order.Select((v, i) => new DrawnValue(v.Label, v.Data, v.Grad, v.Op ?? "", operands[i], wrong?.Invoke(v))).ToList();
        return new DrawnWalk(values, counted, stopped);
    }

    private static string Name(IDrawableValue v) =>
        v.Label is { } label ? $"The value '{label}'" : $"A {v.GetType().Name} made by '{v.Op}'";
}
