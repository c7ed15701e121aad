using CsCheck;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>No label can break the DOT or add to the graph, and the SVG shows the label's text.</summary>
public class LabelEscapingTests
{
    private static readonly string[] Fragments = [
            "{", "}", "|", "<", ">", "\"", "\\", "\\N", "\\G", "\n", "\r\n", "\t", " ", "  ", "&", "&amp;", "]", "->", ";",
            "label=x", "a", "Z", "0", "😀", "שלום", "مرحبا", "\u202E", "<b>", "</td>", "}}]\"];x->y;", "\uD800", "\u0001"];

    // Labels that fit a box whole (longer ones are cut: see EveryPathBudgetTests).
    private static readonly Gen<string> HostileLabels = Gen.OneOfConst(Fragments).Array[1, 25].Select(string.Concat)
        .Where(l => l.Length <= 40 && l.Count(c => c is '\n' or '\r') < 2);

    public static TheoryData<string> EachFragment => [.. Fragments];

    [Theory]
    [MemberData(nameof(EachFragment))]
    public void Each_hostile_fragment_alone_renders_as_its_text(string fragment) => AssertLabelShown("x" + fragment + "y");

    // What the picture should show: every non-space character, with what XML cannot carry as U+FFFD.
    private static string Visible(string label)
    {
        var chars = new List<char>();
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (char.IsHighSurrogate(c) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1])) { chars.Add(c); chars.Add(label[++i]); }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && !char.IsWhiteSpace(c))) chars.Add('\uFFFD');
            else if (!char.IsWhiteSpace(c)) chars.Add(c);
        }
        return new string([.. chars]);
    }

    private static string NoSpace(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0').ToArray());

    private static void AssertLabelShown(string label)
    {
        var x = new Value(1.5, label);
        var y = x * 2; y.Label = label;
        var dot = y.ToDot();
        var doc = Svg.Parse(y.ToSvg());
        var nodes = Svg.Groups(doc, "node");
        Assert.Equal(4, nodes.Count); // x, the constant 2, the *, y: nothing added
        Assert.Equal(3, Svg.Groups(doc, "edge").Count);
        var expected = Visible(label);
        foreach (var data in new[] { "data1.5000", "data3.0000" })
        {
            var node = nodes.SingleOrDefault(n => NoSpace(Svg.Text(n)).Contains(data));
            Assert.True(node is not null, $"label {System.Text.Json.JsonSerializer.Serialize(label)}: no node shows {data}");
            var shown = NoSpace(Svg.Text(node));
            Assert.True(shown == expected + data + "grad0.0000",
                $"label {System.Text.Json.JsonSerializer.Serialize(label)} shows as {System.Text.Json.JsonSerializer.Serialize(shown)}");
        }
        Assert.Equal(dot, y.ToDot());
    }

    [Fact]
    public void Generated_hostile_labels_render_as_their_text() =>
        HostileLabels.Sample(AssertLabelShown, iter: 150, threads: 1);

    [Theory]
    [InlineData("{ a | b } <port> \"quoted\" back\\slash")]
    [InlineData("line one\nline two\ttabbed")]
    [InlineData("emoji 😀🎉 and right-to-left שלום עולם")]
    [InlineData("\\N \\G \\E \\T \\H \\L")]
    public void Known_hostile_labels_render_as_their_text(string label) => AssertLabelShown(label);

    [Fact]
    public void A_ten_thousand_character_label_renders_cut_to_a_line_with_the_whole_text_on_hover()
    {
        var label = string.Concat(Enumerable.Repeat("{|}<>\"\\x é", 1000));
        Assert.Equal(10_000, label.Length);
        var y = new Value(1.5, label) * 2;
        var doc = Svg.Parse(y.ToSvg());
        var box = Svg.Groups(doc, "node").Single(n => Svg.Text(n).Contains("data 1.5000"));
        Assert.Equal(label[..39] + "…", Svg.Text(box).Split('\n')[0]);
        Assert.Contains(label[..200], (string?)box.Descendants().Select(e => e.Attribute(System.Xml.Linq.XName.Get("title", "http://www.w3.org/1999/xlink"))).First(a => a is not null));
    }
}
