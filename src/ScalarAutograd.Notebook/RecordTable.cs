using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace ScalarAutograd.Notebook;

/// <summary>
/// A sequence of anonymous objects, records or tuples — <c>xs.Select(x => new { x, slope, exact })</c> — as a table: one
/// column per property, numbers right-aligned in the notebook's number format with the full value on hover, and in
/// text/plain every digit, aligned.
/// </summary>
internal static class RecordTable
{
    /// <summary>At most this many rows are shown; the table says how many more there are.</summary>
    public const int MaxRows = 500;

    /// <summary>One column: its header and how to read it from a row.</summary>
    public sealed record Column(string Name, Func<object, object?> Read);

    /// <summary>The rows and their columns when <paramref name="items"/> is a table of one anonymous, record or tuple type.</summary>
    public static bool TryRead(IEnumerable items, out List<object> rows, out Column[] columns, out bool more)
    {
        rows = [];
        columns = [];
        more = false;
        Type? type = null;
        foreach (var item in items)
        {
            if (rows.Count == MaxRows)
            {
                more = true;
                break;
            }
            if (item is null || (type is not null && item.GetType() != type)) return false;
            type = item.GetType();
            if (rows.Count == 0 && !IsRow(type)) return false;
            rows.Add(item);
        }
        if (type is null) return false;
        columns = IsTuple(type)
            ? type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => f.Name != "Rest").Select(f => new Column(f.Name, f.GetValue)).ToArray()
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Select(p => new Column(p.Name, p.GetValue)).ToArray();
        return columns.Length > 0;
    }

    // What C# makes for `new { … }`, `record` classes and structs (the compiler gives them a <Clone>$ method or
    // an EqualityContract… structs get PrintMembers), and tuples (x, y).
    private static bool IsRow(Type type) =>
        (type.IsDefined(typeof(CompilerGeneratedAttribute), false) && type.Name.Contains("AnonymousType", StringComparison.Ordinal))
        || type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null)
        || IsTuple(type);

    private static bool IsTuple(Type type) =>
        type.IsValueType && type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    public static string Html(List<object> rows, Column[] columns, bool more, string numberFormat)
    {
        var html = new StringBuilder("<table class=\"scalar-autograd-table\"><thead><tr>");
        foreach (var column in columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var formats = columns.Select(c => ColumnFormat(rows.Select(c.Read).ToList(), numberFormat)).ToArray();
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var j = 0; j < columns.Length; j++)
            {
                var value = columns[j].Read(row);
                var (shown, full) = Cell(value, formats[j]);
                html.Append(IsNumber(value) ? "<td style=\"text-align:right;white-space:nowrap\"" : "<td style=\"text-align:left\"");
                if (full != shown) html.Append(" title=\"").Append(WebUtility.HtmlEncode(full)).Append('"');
                html.Append('>').Append(WebUtility.HtmlEncode(shown)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (more) html.Append($"<div style=\"font-size:smaller\">(the first {MaxRows} rows)</div>");
        return html.ToString();
    }

    /// <summary>Every value in full, in columns padded to line up.</summary>
    public static string Text(List<object> rows, Column[] columns, bool more)
    {
        var cells = rows.Select(r => columns.Select(c => Cell(c.Read(r), "R").Full).ToArray()).ToList();
        var widths = columns.Select((c, j) => cells.Select(r => r[j].Length).Append(c.Name.Length).Max()).ToArray();
        var numeric = columns.Select(c => rows.All(r => IsNumber(c.Read(r)))).ToArray();
        string Line(IEnumerable<string> values) => string.Join("  ", values.Select((v, j) => numeric[j] ? v.PadLeft(widths[j]) : v.PadRight(widths[j]))).TrimEnd();
        var lines = new List<string> { Line(columns.Select(c => c.Name)) };
        lines.AddRange(cells.Select(Line));
        if (more) lines.Add($"(the first {MaxRows} rows)");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The column's format: the notebook's, with more decimals (for an "F" format) when it would show two different
    /// numbers alike — float32 against float64 must not both read 0.7071.
    /// </summary>
    internal static string ColumnFormat(List<object?> values, string numberFormat)
    {
        var numbers = values.Select(v => v switch { double d => d, float f => f, Value x => x.Data, _ => double.NaN }).Where(double.IsFinite).Distinct().ToList();
        var match = System.Text.RegularExpressions.Regex.Match(numberFormat, "^[Ff]([0-9]{1,2})$");
        if (!match.Success || numbers.Count < 2) return numberFormat;
        for (var decimals = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture); decimals <= 15; decimals++)
        {
            var format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
            if (numbers.Select(x => x.ToString(format, CultureInfo.InvariantCulture)).Distinct().Count() == numbers.Count) return format;
        }
        return "R";
    }

    /// <summary>
    /// A number in the column's format, except one the format would show as zero although it is not (1e−6 in F4:
    /// "0.0000"): that one shows in scientific notation, "1e-6", so a table never shows a false 0.
    /// </summary>
    internal static string Shown(double x, string numberFormat)
    {
        var text = x.ToString(numberFormat, CultureInfo.InvariantCulture);
        return x != 0 && double.IsFinite(x) && text.All(c => c is '0' or '.' or '-' or '+' or ',')
            ? x.ToString("0.####e+0", CultureInfo.InvariantCulture)
            : text;
    }

    private static bool IsNumber(object? value) => value is double or float or decimal or int or long or short or byte or uint or ulong or Value;

    // What a cell shows, and its full value (the same unless the format rounded it).
    private static (string Shown, string Full) Cell(object? value, string numberFormat) => value switch
    {
        null => ("", ""),
        double d => (Shown(d, numberFormat), d.ToString("R", CultureInfo.InvariantCulture)),
        float f => (Shown(f, numberFormat), f.ToString("R", CultureInfo.InvariantCulture)),
        decimal m => (m.ToString(numberFormat, CultureInfo.InvariantCulture), m.ToString(CultureInfo.InvariantCulture)),
        Value v => (v.Data.ToString(numberFormat, CultureInfo.InvariantCulture), v.ToString()),
        IFormattable x => (x.ToString(null, CultureInfo.InvariantCulture), x.ToString(null, CultureInfo.InvariantCulture)),
        _ => (value.ToString() ?? "", value.ToString() ?? ""),
    };
}
