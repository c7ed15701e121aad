namespace ScalarAutograd.Rendering;

/// <summary>
/// Marks that keep a picture honest: values out of date after an input changed ("stale"), values a comparison
/// found changed, and the one-line note from <see cref="Value.Inspect"/> under the graph.
/// </summary>
internal static class Marks
{
    /// <summary>The outline of a marked value: dark orange, readable on every fill.</summary>
    public const string Border = "#d9480f";

    /// <summary>
    /// The mark for <paramref name="v"/>, or null: "stale" (its data is old) wins over "stale grad" (its grad is from
    /// before <see cref="Value.Recompute"/> brought new data), which wins over "changed".
    /// </summary>
    public static string? Of(Value v, GraphReport? report, GraphOptions options) =>
        report is not null && report.IsStale(v) ? "stale"
        : report is not null && report.IsGradStale(v) ? "stale grad"
        : options.Changed is { } changed && changed.Contains(v) ? "changed"
        : null;

    /// <summary>The outline of a value an exercise checker found wrong: red.</summary>
    public const string WrongBorder = "#c92a2a";

    /// <summary>
    /// The extra table cell that names the mark, in dark text on pale orange (contrast well over 4.5:1); on pale red
    /// for a value found <paramref name="wrong"/>.
    /// </summary>
    public static string Cell(string mark, bool wrong = false) => wrong
        ? $"<td bgcolor=\"#ffe3e3\"><font color=\"#7d1a1a\"><b>{DotText.Html(mark)}</b></font></td>"
        : $"<td bgcolor=\"#ffe8cc\"><font color=\"#7c2d12\"><b>{mark}</b></font></td>";

    /// <summary>The longest caption line, in characters: about 430 px of 12 pt Helvetica.</summary>
    public const int CaptionLineLength = 64;

    /// <summary>
    /// The graph's caption under the picture, left-aligned, wrapped at <see cref="CaptionLineLength"/> characters: one
    /// long line would make the picture as wide as the sentence, pushing a small graph far to the right of the cell.
    /// </summary>
    public static string Caption(string note, bool wrong = false)
    {
        // Each line through the one escaping path (a label in the note may hold any text), then left-justified.
        var lines = DotText.Visible(note).Split('\n').SelectMany(Wrap).ToList();
        if (lines.Count > CaptionLines) lines = [.. lines.Take(CaptionLines - 1), "…"]; // labels it names may be any length
        var html = lines.Select(line => DotText.Html(line) + "<br align=\"left\"/>");
        return $"  labelloc=\"b\" labeljust=\"l\" fontname=\"Helvetica\" fontsize=12 fontcolor=\"{(wrong ? "#7d1a1a" : "#7c2d12")}\" label=<{string.Concat(html)}>;\n";
    }

    /// <summary>The most caption lines drawn.</summary>
    public const int CaptionLines = 20;

    // Breaks at spaces; a word longer than a line gets a line of its own, cut to fit.
    private static IEnumerable<string> Wrap(string text)
    {
        var line = "";
        foreach (var whole in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = LongText.Cut(whole, CaptionLineLength);
            if (line.Length > 0 && line.Length + 1 + word.Length > CaptionLineLength)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) yield return line;
    }
}
