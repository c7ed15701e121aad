using System.Globalization;
using System.Net;

namespace ScalarAutograd.Notebook;

/// <summary>What a cell shows for a value: its graph inline, or its text and a one-line reason. Never throws.</summary>
internal static class ValueHtml
{
    public static string Html(Value v, GraphOptions options) => Html(v, options, out _);

    /// <summary>The same, and how wide the picture is at its natural size (CSS px; 0 when it could not be drawn).</summary>
    public static string Html(Value v, GraphOptions options, out double width)
    {
        width = 0;
        try
        {
            var svg = v.ToSvg(options);
            width = SvgHtml.NaturalSize(svg).Width;
            var picture = SvgHtml.Image(svg, "Computation graph of " + v);
            var total = v.CountValues(); // stops counting at 100,000: a huge graph is not walked whole again
            var of = total >= GraphExtensions.CountLimit ? $"over {total:N0}" : $"{total:N0}";
            var note = total > options.MaxValues
                ? $"<div style=\"font-size:smaller;opacity:0.8\">Showing the {options.MaxValues:N0} values nearest the output, of {of}. " +
                  "Raise <code>MaxValues</code> (in the <code>GraphOptions</code> you drew with, or <code>NotebookFormatters.Options</code>) to see more.</div>"
                : "";
            return picture + note;
        }
        catch (Exception e) // a picture that cannot be drawn must never fail the cell: show the text and why
        {
            return $"<pre>{WebUtility.HtmlEncode(v.ToString())}</pre><div>Graph not drawn: {WebUtility.HtmlEncode(OneLine(e.Message))}</div>";
        }
    }

    public static string Svg(Value v, GraphOptions options)
    {
        try
        {
            return v.ToSvg(options);
        }
        catch (Exception e) // a picture that cannot be drawn must never fail the cell: show the text and why
        {
            var text = WebUtility.HtmlEncode($"{v} — graph not drawn: {OneLine(e.Message)}");
            return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"24\"><text x=\"4\" y=\"16\" font-family=\"monospace\" font-size=\"12\">{text}</text></svg>";
        }
    }

    /// <summary>The backprop player, or the steps as text and a one-line reason when it cannot be drawn.</summary>
    public static string Player(BackwardTrace trace, GraphOptions options)
    {
        try
        {
            return trace.ToHtmlPlayer(options);
        }
        catch (Exception e) // a picture that cannot be drawn must never fail the cell: show the text and why
        {
            return $"<pre>{WebUtility.HtmlEncode(TraceText(trace))}</pre><div>Player not drawn: {WebUtility.HtmlEncode(OneLine(e.Message))}</div>";
        }
    }

    /// <summary>The player's captions, one step after another.</summary>
    public static string TraceText(BackwardTrace trace) => string.Join("\n", trace.StepCaptions());

    /// <summary>A gradient check as a table: passes in green, failures in red.</summary>
    public static string GradCheckTable(GradCheckResult result)
    {
        var rows = result.Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"<tr style=\"background:{(r.Passed ? "#ebfbee" : "#ffe3e3")}\"><td>{WebUtility.HtmlEncode(r.Input)}</td><td>{Number(r.Value)}</td><td>{Number(r.Analytic)}</td><td>{Number(r.Numeric)}</td><td>{r.AbsoluteError:E2}</td><td>{r.RelativeError:E2}</td><td>{(r.Passed ? "pass" : "<b>FAIL</b>")}</td></tr>"));
        return "<table><thead><tr><th>input</th><th>value</th><th>analytic</th><th>numeric</th><th>abs error</th><th>rel error</th><th></th></tr></thead><tbody>" +
               string.Concat(rows) + $"</tbody></table><div><b>{(result.Passed ? "gradient check passed" : "gradient check FAILED")}</b></div>";
    }

    /// <summary>A table of data and grad: a list of values is shown compactly, never as one giant graph each.</summary>
    public static string Table(IEnumerable<Value> values)
    {
        var (shown, more) = Capped(values);
        var rows = shown.Select((v, i) =>
            $"<tr><td>{i}</td><td>{WebUtility.HtmlEncode(v.Label ?? "")}</td><td>{Number(v.Data)}</td><td>{Number(v.Grad)}</td></tr>");
        return "<table><thead><tr><th>#</th><th>label</th><th>data</th><th>grad</th></tr></thead><tbody>" + string.Concat(rows) + "</tbody></table>" +
               (more ? $"<div>{MoreNote}</div>" : "");
    }

    /// <summary>The values as text, one per line, capped like <see cref="Table"/>.</summary>
    public static string Text(IEnumerable<Value> values)
    {
        var (shown, more) = Capped(values);
        return string.Join("\n", shown) + (more ? "\n" + MoreNote : "");
    }

    /// <summary>The most values a list shows: a sequence may hold millions, or never end.</summary>
    public const int MaxListed = 1_000;

    private static readonly string MoreNote = $"… showing the first {MaxListed:N0} values; the sequence has more.";

    private static (List<Value> Shown, bool More) Capped(IEnumerable<Value> values)
    {
        var shown = values.Take(MaxListed + 1).ToList();
        var more = shown.Count > MaxListed;
        if (more) shown.RemoveAt(MaxListed);
        return (shown, more);
    }

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
