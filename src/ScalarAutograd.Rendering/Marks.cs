namespace ScalarAutograd.Rendering;

/// <summary>
/// Marks that keep a picture honest: values out of date after an input changed ("stale"), values a comparison
/// found changed, and the one-line note from <see cref="Value.Inspect"/> under the graph.
/// </summary>
internal static class Marks
{
    /// <summary>The outline of a marked value: dark orange, readable on every fill.</summary>
    public const string Border = "#d9480f";

    /// <summary>The mark for <paramref name="v"/>, or null: "stale" wins over "changed".</summary>
    public static string? Of(Value v, GraphReport? report, GraphOptions options) =>
        report is not null && report.IsStale(v) ? "stale"
        : options.Changed is { } changed && changed.Contains(v) ? "changed"
        : null;

    /// <summary>The extra table cell that names the mark, in dark text on pale orange (contrast well over 4.5:1).</summary>
    public static string Cell(string mark) => $"<td bgcolor=\"#ffe8cc\"><font color=\"#7c2d12\"><b>{mark}</b></font></td>";

    /// <summary>The graph's caption: one line under the picture, left-aligned.</summary>
    public static string Caption(string note) =>
        $"  labelloc=\"b\" labeljust=\"l\" fontname=\"Helvetica\" fontsize=12 fontcolor=\"#7c2d12\" label=\"{DotText.Quoted(note)}\";\n";
}
