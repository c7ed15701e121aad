using CsCheck;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// Every text a drawing shows — a label in its box, a label named in the stale note under the graph, an operation
/// in its oval, a learner's own Op — goes through one escaping path: any Unicode at all (controls, NUL,
/// noncharacters, lone surrogates, line separators, entity-like text) gives well-formed SVG that shows the text, or
/// U+FFFD where XML cannot hold a character (issue 22, item 16).
/// </summary>
public class DrawnTextTests
{
    private static readonly string[] Hostile = [
        "\0", "\u0001", "\u001F", "\u007F", "\u0085", "\u009F", "\v", "\f", "\uFFFE", "\uFFFF", "\uFDD0", "\uD800", "\uDFFF",
        "\u2028", "\u2029", "&#1;", "&#0;", "&#xFFFF;", "&#xD800;", "&amp;", "&lt;", "&nbsp;", "&", "&#", ";", "]", "<", ">",
        "\"", "'", "\\", "\\N", "😀", "\n", "\r", "\t", " ", "a", "Z", "7", "é", "ש"];

    // Fragments, and arbitrary UTF-16 code units (any of the 65,536, so lone surrogates and noncharacters too).
    private static readonly Gen<string> Texts = Gen.Frequency(
            (3, Gen.OneOfConst(Hostile)),
            (1, Gen.Char.Select(c => c.ToString())))
        .Array[1, 12].Select(string.Concat)
        .Where(t => t.Length <= 40 && t.Count(c => c is '\n' or '\r' or '\u2028' or '\u2029') < 2); // fits a box whole

    // What the picture should show, worked out here independently of the renderer: every character that is not
    // white space, and U+FFFD for one that XML cannot hold (a control that is not a line break or tab, a
    // noncharacter U+FFFE/U+FFFF, half a surrogate pair).
    private static string Expected(string text)
    {
        var shown = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) shown.Append(c).Append(text[++i]);
            else if (c is '\n' or '\r' or '\t' or '\u2028' or '\u2029') continue;
            else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\uFFFE' or '\uFFFF') shown.Append('\uFFFD');
            else if (!char.IsWhiteSpace(c)) shown.Append(c);
        }
        return shown.ToString();
    }

    private static string NoSpace(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c))]);

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [Fact]
    public void Any_label_shows_in_its_box_and_in_the_stale_note_as_well_formed_svg() =>
        Texts.Sample(label =>
        {
            var x = new Value(2.0, label);
            var y = x * x; y.Label = "y";
            x.Data = 3; // y is stale now: the note under the graph names x by its label
            var doc = Svg.Parse(y.ToSvg()); // throws on XML that is not well formed
            var expected = Expected(label);
            Assert.True(Svg.Groups(doc, "node").Any(n => NoSpace(Svg.Text(n)).StartsWith(expected + "data3", StringComparison.Ordinal)),
                $"label {Json(label)}: no box shows {Json(expected)}");
            Assert.True(NoSpace(string.Concat(Svg.Caption(doc))).Contains(expected + "(now3)", StringComparison.Ordinal),
                $"label {Json(label)}: the note does not show {Json(expected)}: {Json(string.Concat(Svg.Caption(doc)))}");
        }, iter: 120, threads: 1);

    [Fact]
    public void Any_operation_text_of_a_learners_own_class_shows_in_its_oval_as_well_formed_svg() =>
        Texts.Sample(op =>
        {
            DrawnValue[] values = [new("out", 1, 0, op, [1]), new("in", 1, 0, "", [])];
            var doc = Svg.Parse(Graphviz.RenderSvg(DrawnGraph.ToDot(values, GraphOptions.Default)));
            var oval = Svg.Groups(doc, "node").Single(n => n.Descendants().Any(e => e.Name.LocalName == "ellipse"));
            Assert.Equal(Expected(op), NoSpace(Svg.Text(oval)));
        }, iter: 120, threads: 1);

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\uFFFE")]
    [InlineData("&#1;")]
    [InlineData("&#xFFFF;")]
    [InlineData("a\u2028b")]
    public void The_issues_labels_draw_and_save_in_every_format(string label)
    {
        var x = new Value(2.0, label);
        var y = x * x;
        x.Data = 3;
        Svg.Parse(y.ToSvg());
        Assert.DoesNotContain('\u2028', y.ToDot()); // Pango cannot lay it out (Pango-CRITICAL, text missing in PNG/PDF): a line break instead
        var folder = Directory.CreateTempSubdirectory("drawn-text-");
        try
        {
            foreach (var extension in new[] { ".svg", ".png", ".pdf", ".dot" }) y.Save(Path.Combine(folder.FullName, "g" + extension));
            Svg.Parse(File.ReadAllText(Path.Combine(folder.FullName, "g.svg")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
