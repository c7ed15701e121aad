using Microsoft.DotNet.Interactive.Formatting;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Makes a cell that ends in a <see cref="Value"/> show its computation graph, and the nn types a short summary.
/// Call <see cref="Register"/> once (the kernel extension does it for you).
/// </summary>
public static class NotebookFormatters
{
    /// <summary>How graphs in cell outputs are drawn (direction, number format, grads, node limit). Change it any time.</summary>
    public static GraphOptions Options
    {
        get => s_options;
        set => s_options = value ?? throw new ArgumentNullException(null, // no "(Parameter …)" tail: the message says it all
            "NotebookFormatters.Options cannot be null: set it to new GraphOptions { … }, or to GraphOptions.Default for the defaults.");
    }

    private static GraphOptions s_options = GraphOptions.Default;

    private static ITypeFormatter? s_htmlFallback;
    private static ITypeFormatter? s_textFallback;

    /// <summary>
    /// Registers every formatter and the preferred MIME types, and (called from a cell) adds the
    /// <see cref="RedefinitionHint"/> to the kernel running it. Safe to call again.
    /// </summary>
    public static void Register()
    {
        try
        {
            RedefinitionHint.InstallForCurrentCell();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            // A host without .NET Interactive's C# kernel: the formatters still work, without the hint.
        }
        Formatter.Register<Value>((v, w) => w.Write(ValueHtml.Html(v, Options)), HtmlFormatter.MimeType);
        Formatter.Register<Value>((v, w) => w.Write(ValueHtml.Svg(v, Options)), "image/svg+xml");
        Formatter.Register<Value>((v, w) => w.Write(v.ToString()), PlainTextFormatter.MimeType);
        // VS Code asks for text/html and shows the graph; text/plain rides along for terminals and .ipynb readers.
        Formatter.SetPreferredMimeTypesFor(typeof(Value), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        DrawableGraph.Register(); // a Value class the learner writes in a notebook draws the same way
        CheckResult.Register();   // exercise checks: ✓, a "to do" note, or the graph with the wrong value marked
        HtmlOutput.Register();

        Formatter.Register<GraphView>((g, w) => w.Write(ValueHtml.Html(g.Value, g.Options)), HtmlFormatter.MimeType);
        Formatter.Register<GraphView>((g, w) => w.Write(ValueHtml.Svg(g.Value, g.Options)), "image/svg+xml");
        Formatter.Register<GraphView>((g, w) => w.Write(g.Value.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GraphView), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        // L.Inspect() in a cell: its one line, not an object dump.
        Formatter.Register<GraphReport>((r, w) => w.Write(r.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GraphReport), PlainTextFormatter.MimeType);

        Formatter.Register<SideBySideView>((s, w) => w.Write(s.Html(Options)), HtmlFormatter.MimeType);
        Formatter.Register<SideBySideView>((s, w) => w.Write(s.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(SideBySideView), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        Formatter.Register<SvgImage>((i, w) => w.Write(SvgHtml.Image(i.Xml, "A chart")), HtmlFormatter.MimeType);
        Formatter.Register<SvgImage>((i, w) => w.Write(i.Xml), "image/svg+xml");
        Formatter.Register<SvgImage>((i, w) => w.Write(i.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(SvgImage), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        Formatter.Register<BackwardTrace>((t, w) => w.Write(ValueHtml.Player(t, Options)), HtmlFormatter.MimeType);
        Formatter.Register<BackwardTrace>((t, w) => w.Write(ValueHtml.TraceText(t)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(BackwardTrace), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        // Live graphs (LiveGraph.cs): one HTML output with the drawing, the sliders and the script.
        Formatter.Register<LiveGraph>((l, w) => w.Write(LiveHtml(l)), HtmlFormatter.MimeType);
        Formatter.Register<LiveGraph>((l, w) => w.Write(l.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(LiveGraph), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        Formatter.Register<GradCheckResult>((r, w) => w.Write(ValueHtml.GradCheckTable(r)), HtmlFormatter.MimeType);
        Formatter.Register<GradCheckResult>((r, w) => w.Write(r.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GradCheckResult), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        Formatter.Register<IEnumerable<Value>>((vs, w) => w.Write(ValueHtml.Table(vs)), HtmlFormatter.MimeType);
        Formatter.Register<IEnumerable<Value>>((vs, w) => w.Write(ValueHtml.Text(vs)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(IEnumerable<Value>), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

        // Results as tables: a sequence of anonymous objects, records or tuples (registered for the open IEnumerable<>,
        // so tuples, which are structs, are included). Anything else goes on to the formatter .NET Interactive would
        // have used, captured before this one takes its place.
        s_htmlFallback ??= HtmlFormatter.GetPreferredFormatterFor(typeof(IEnumerable<object>));
        s_textFallback ??= PlainTextFormatter.GetPreferredFormatterFor(typeof(IEnumerable<object>));
        var html = s_htmlFallback;
        var text = s_textFallback;
        Formatter.Register(typeof(IEnumerable<>), (object items, FormatContext context) =>
        {
            if (items is IEnumerable<Value> values) context.Writer.Write(ValueHtml.Table(values));
            else if (RecordTable.TryRead((System.Collections.IEnumerable)items, out var rows, out var columns, out var more)) context.Writer.Write(RecordTable.Html(rows, columns, more, Options.NumberFormat));
            else return html.Format(items, context);
            return true;
        }, HtmlFormatter.MimeType);
        Formatter.Register(typeof(IEnumerable<>), (object items, FormatContext context) =>
        {
            if (items is IEnumerable<Value> values) context.Writer.Write(string.Join("\n", values));
            else if (RecordTable.TryRead((System.Collections.IEnumerable)items, out var rows, out var columns, out var more)) context.Writer.Write(RecordTable.Text(rows, columns, more));
            else return text.Format(items, context);
            return true;
        }, PlainTextFormatter.MimeType);

        foreach (var type in new[] { typeof(MLP), typeof(Layer), typeof(Neuron) })
        {
            Formatter.Register(type, (o, w) => w.Write(ModelSummary.Html((Module)o)), HtmlFormatter.MimeType);
            Formatter.Register(type, (o, w) => w.Write(ModelSummary.Text((Module)o)), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        }
    }

    // A picture that cannot be drawn must never fail the cell: the text and why.
    private static string LiveHtml(LiveGraph live)
    {
        try
        {
            return live.Html;
        }
        catch (Exception e)
        {
            return $"<pre>{System.Net.WebUtility.HtmlEncode(live.ToString())}</pre><div>Live graph not drawn: {System.Net.WebUtility.HtmlEncode(e.Message)}</div>";
        }
    }
}
