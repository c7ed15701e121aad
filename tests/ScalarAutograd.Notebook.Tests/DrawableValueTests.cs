using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// A Value class written by a learner (any <see cref="IDrawableValue"/>) is drawn exactly as the library's
/// <see cref="Value"/> is, and a cell that ends in one shows its graph. Formatters are process-wide: no parallel runs.
/// </summary>
[Collection("Formatters")]
public sealed class DrawableValueTests : RegisteredFormatters
{
    /// <summary>A minimal learner's class: what a notebook cell would write.</summary>
    private sealed class LearnerValue(double data, string? label = null, string op = "", params LearnerValue[] operands) : IDrawableValue
    {
        public double Data { get; set; } = data;
        public double Grad { get; set; }
        public string? Label { get; set; } = label;
        public string Op { get; } = op;
        public LearnerValue[] Operands { get; set; } = operands;
        IEnumerable<IDrawableValue> IDrawableValue.Operands => Operands;
        public override string ToString() => $"LearnerValue(data={Data}, grad={Grad})";
    }

    // The same graph, value for value, as a learner's class: shape, labels, data, grads and operation symbols.
    private static LearnerValue Mirror(Value output)
    {
        var copies = new Dictionary<Value, LearnerValue>(ReferenceEqualityComparer.Instance);
        foreach (var v in output.TopologicalOrder())
            copies[v] = new LearnerValue(v.Data, v.Label, v.Op, [.. v.Children.Select(c => copies[c])]) { Grad = v.Grad };
        return copies[output];
    }

    private static Value ReusedValues()
    {
        var a = new Value(3.0, "a");
        var b = a + a; b.Label = "b";
        var c = (b * a).Tanh() + a.Pow(2); c.Label = "c";
        c.Backward();
        return c;
    }

    public static TheoryData<GraphOptions> Looks => new()
    {
        GraphOptions.Default,
        new GraphOptions { Direction = GraphDirection.TopToBottom, NumberFormat = "G6", ShowGrad = false },
        new GraphOptions { ColorByGrad = true },
        new GraphOptions { MaxValues = 3 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public void A_learners_class_gives_the_very_DOT_of_Value_for_the_same_graph(GraphOptions options)
    {
        foreach (var output in new[] { Lecture.BackpropagatedL(), ReusedValues() })
            Assert.Equal(output.ToDot(options), DrawableGraph.ToDot(Mirror(output), options));
    }

    [Fact]
    public void A_cell_ending_in_a_learners_value_shows_its_graph_inline_like_Value()
    {
        var L = Lecture.BackpropagatedL();
        var mine = Mirror(L);
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(LearnerValue)));
        var html = mine.ToDisplayString(HtmlFormatter.MimeType);
        // The same picture (the SVG inside the <img>'s data URI), in the same scrolling box as a Value's.
        static string Picture(string h) => System.Text.RegularExpressions.Regex.Match(h, "base64,([A-Za-z0-9+/=]+)").Groups[1].Value;
        Assert.NotEqual("", Picture(html));
        Assert.Equal(Picture(L.ToDisplayString(HtmlFormatter.MimeType)), Picture(html));
        Assert.StartsWith($"<div id=\"{SvgHtml.BoxClass}-", html);
        Assert.Contains("<svg", Pictures.Decode(html));
        Assert.Equal("LearnerValue(data=-8, grad=1)", mine.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Options_apply_and_a_capped_graph_says_how_much_is_shown()
    {
        var v = new LearnerValue(1.0, "x");
        for (var i = 0; i < 30; i++) v = new LearnerValue(Math.Tanh(v.Data), null, "tanh", v);
        NotebookFormatters.Options = NotebookFormatters.Options with { MaxValues = 10, NumberFormat = "F1" };
        var html = System.Net.WebUtility.HtmlDecode(Pictures.Decode(v.ToDisplayString(HtmlFormatter.MimeType)));
        Assert.Contains("Showing the 10 values nearest the output, of 31.", html);
        Assert.Contains("… 21 more values", html);
        Assert.Contains("data 0.3<", html);
    }

    [Fact]
    public void A_null_operand_shows_the_text_and_a_reason_instead_of_failing_the_cell()
    {
        var x = new LearnerValue(2.0, "x", "*", new LearnerValue(1.0), null!);
        var html = x.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<pre>LearnerValue(data=2, grad=0)</pre>", html);
        Assert.Contains("Graph not drawn: The value &#39;x&#39; lists a null operand", html);
    }

    private sealed class Throwing : IDrawableValue
    {
        public double Data => 1;
        public double Grad => 0;
        public string? Label => null;
        public string? Op => "?";
        public IEnumerable<IDrawableValue> Operands => throw new InvalidOperationException("operands are broken");
        public override string ToString() => throw new InvalidOperationException("ToString is broken");
    }

    [Fact]
    public void Throwing_members_never_fail_the_cell()
    {
        var html = new Throwing().ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("Graph not drawn: operands are broken", html);
        Assert.Contains("its ToString threw InvalidOperationException: ToString is broken", html);
    }

    [Fact]
    public void A_cycle_is_drawn_once_per_value_and_does_not_hang()
    {
        var a = new LearnerValue(1.0, "a");
        var b = new LearnerValue(2.0, "b", "+", a);
        a.Operands = [b]; // not a DAG: a learner's bug, still drawn
        var dot = DrawableGraph.ToDot(b);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(dot, @"shape=plain"));
        Assert.Contains("<svg", Pictures.Decode(b.ToDisplayString(HtmlFormatter.MimeType)));
    }

    // Render budget (issue 22, item 3): a learner's class gets the same budget, simplification and limits as Value.

    [Fact]
    public void A_learners_reused_leaf_chain_is_drawn_within_the_budget_simplified_with_a_note_like_Value()
    {
        var x = new LearnerValue(0.5, "x");
        var v = x;
        for (var i = 0; i < 100; i++) v = new LearnerValue(v.Data + x.Data, null, "+", v, x); // v = v + x: 120 s in a cell before
        var html = System.Net.WebUtility.HtmlDecode(Pictures.Decode(v.ToDisplayString(HtmlFormatter.MimeType)));
        Assert.Contains("Simplified: the full layout would take over 2 s", html);
        Assert.Contains("Simplified: the full layout would take over 2 s", DrawableGraph.ToSvg(v));
    }

    [Fact]
    public void A_learner_reads_why_a_huge_drawing_is_simplified_before_the_picture_not_thousands_of_pixels_below_it()
    {
        var x = new LearnerValue(0.5, "x");
        var v = x;
        for (var i = 0; i < 100; i++) v = new LearnerValue(v.Data + x.Data, null, "+", v, x); // a staircase ~19,000 px tall
        var html = v.ToDisplayString(HtmlFormatter.MimeType);
        var note = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"scalar-autograd-note\"[^>]*>([^<]*)</div>");
        Assert.True(note.Success, "no note above the picture");
        Assert.True(note.Index < html.IndexOf("<img", StringComparison.Ordinal), "the note comes after the picture");
        Assert.Contains("Simplified: the full layout would take over 2 s, so a value used again shows as a grey copy.", System.Net.WebUtility.HtmlDecode(note.Groups[1].Value));
        Assert.EndsWith("The output is near the bottom of the picture: scroll down to it.", note.Groups[1].Value); // it opens on empty space

        var endless = new Endless(0).ToDisplayString(HtmlFormatter.MimeType); // 5,000 × 25,000 px
        Assert.Contains("Stopped reading after 100,000 values: is a new value made on every read of Operands?",
            System.Net.WebUtility.HtmlDecode(endless[..endless.IndexOf("<img", StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_small_graph_keeps_its_note_in_the_picture_only()
    {
        var a = new Value(2.0, "a");
        var L = a * a;
        L.Label = "L";
        a.Data = 3; // L is now stale: the note is under the picture, which is all in view
        var html = L.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("changed after this graph was computed", System.Net.WebUtility.HtmlDecode(Pictures.Decode(html)));
        Assert.DoesNotContain("scalar-autograd-note", html);
    }

    [Fact]
    public void A_graph_that_never_ends_is_read_only_so_far_and_the_cell_says_so()
    {
        var html = System.Net.WebUtility.HtmlDecode(Pictures.Decode(new Endless(0).ToDisplayString(HtmlFormatter.MimeType)));
        Assert.Contains("Stopped reading after 100,000 values: is a new value made on", html); // the note under the picture …
        Assert.Contains("every read of Operands?", html);                                      // … wrapped
        Assert.Contains("Showing the 800 values nearest the output, of over 100,000 (reading stopped there).", html);
    }

    [Fact]
    public void Operands_that_never_stop_are_read_only_so_far_and_drawn_as_one_edge()
    {
        var html = System.Net.WebUtility.HtmlDecode(Pictures.Decode(new Unending().ToDisplayString(HtmlFormatter.MimeType)));
        Assert.Contains("Stopped reading after 1,000,000 operands: does an Operands never", html);
        Assert.Contains("×1,000,000", html); // one edge for the million uses of one operand (item 5)
    }
}
