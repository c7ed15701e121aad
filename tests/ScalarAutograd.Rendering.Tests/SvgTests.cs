namespace ScalarAutograd.Rendering.Tests;

public class SvgTests
{
    [Fact]
    public void Lecture_graph_has_one_group_per_value_and_operation_and_one_per_edge()
    {
        var svg = Lecture.BackpropagatedL().ToSvg();
        var doc = Svg.Parse(svg);
        Assert.Equal(7 + 3, Svg.Groups(doc, "node").Count);
        Assert.Equal(6 + 3, Svg.Groups(doc, "edge").Count);
        var text = Svg.AllText(doc);
        foreach (var label in new[] { "a", "b", "c", "d", "e", "f", "L" }) Assert.Contains(Svg.Groups(doc, "node"), g => Svg.Text(g).StartsWith(label + "\n"));
        foreach (var expected in new[] { "data -8.0000", "grad 1.0000", "data 2.0000", "grad 6.0000", "grad -4.0000", "grad -2.0000", "grad 4.0000", "data 4.0000", "data -6.0000", "data 10.0000" })
            Assert.Contains(expected, text);
        Assert.Equal(3, Svg.Groups(doc, "node").Count(g => Svg.Text(g) is "*" or "+"));
    }

    [Fact]
    public void A_value_used_twice_draws_both_edges()
    {
        var a = new Value(3.0, "a");
        var b = a + a;
        var doc = Svg.Parse(b.ToSvg());
        Assert.Equal(3, Svg.Groups(doc, "node").Count);
        Assert.Equal(3, Svg.Groups(doc, "edge").Count);
        Assert.Equal(2, b.ToDot().Split('\n').Count(l => l.Trim() == "v1 -> v0op;"));
    }

    [Fact]
    public void The_same_graph_gives_byte_identical_DOT()
    {
        Assert.Equal(Lecture.BackpropagatedL().ToDot(), Lecture.BackpropagatedL().ToDot());
        Assert.Equal(Lecture.BackpropagatedL().ToSvg(), Lecture.BackpropagatedL().ToSvg());
    }

    [Fact]
    public void Options_change_direction_precision_and_grads()
    {
        var L = Lecture.BackpropagatedL();
        Assert.Contains("rankdir=LR", L.ToDot(new GraphOptions { Direction = GraphDirection.LeftToRight }));
        Assert.Contains("rankdir=TB", L.ToDot(new GraphOptions { Direction = GraphDirection.TopToBottom }));
        var text = Svg.AllText(Svg.Parse(L.ToSvg(new GraphOptions { NumberFormat = "F1", ShowGrad = false })));
        Assert.Contains("data -8.0", text);
        Assert.DoesNotContain("data -8.00", text);
        Assert.DoesNotContain("grad", text);
        var bad = Assert.Throws<ArgumentException>(() => L.ToDot(new GraphOptions { NumberFormat = "X" }));
        Assert.Contains("NumberFormat 'X'", bad.Message);
        Assert.Throws<ArgumentException>(() => L.ToDot(new GraphOptions { MaxValues = 0 }));
    }

    [Fact]
    public void Invalid_DOT_throws_with_Graphvizs_own_message_and_the_next_render_works()
    {
        var ex = Assert.Throws<GraphvizException>(() => Graphviz.RenderSvg("digraph { a -> ; }"));
        Assert.Contains("syntax error", ex.GraphvizMessage);
        Assert.Contains("syntax error", ex.Message);
        Assert.Contains("<svg", Graphviz.RenderSvg("digraph { a -> b }"));
    }

    [Fact]
    public void An_error_Graphviz_reports_while_still_drawing_is_an_exception_not_a_wrong_picture()
    {
        const string badLabel = "digraph { v0 [shape=plain label=<<table><tr><td><b>]</b></td></tr></table>>] }";
        var ex = Assert.Throws<GraphvizException>(() => Graphviz.RenderSvg(badLabel));
        Assert.Contains("syntax error", ex.GraphvizMessage);
    }

    [Fact]
    public void Renders_in_process_when_the_library_loads() => Assert.Equal("libgvc (in process)", Graphviz.Backend);

    [Fact]
    public void Without_the_library_it_falls_back_to_the_dot_program()
    {
        var backend = Graphviz.Find(["libgvc-missing.so.99"], ["libcgraph-missing.so.99"], Environment.GetEnvironmentVariable("PATH"));
        Assert.EndsWith("(subprocess)", backend.Name);
        var doc = Svg.Parse(System.Text.Encoding.UTF8.GetString(backend.Render(Lecture.BackpropagatedL().ToDot(), "svg")));
        Assert.Equal(10, Svg.Groups(doc, "node").Count);
        var ex = Assert.Throws<GraphvizException>(() => backend.Render("digraph { a -> ; }", "svg"));
        Assert.Contains("syntax error", ex.GraphvizMessage);
    }

    [Fact]
    public void Without_library_or_program_the_message_says_how_to_install_Graphviz()
    {
        var ex = Assert.Throws<GraphvizNotFoundException>(() => Graphviz.Find(["libgvc-missing.so.99"], ["libcgraph-missing.so.99"], "/nonexistent-dir"));
        Assert.Contains("Graphviz is missing", ex.Message);
        Assert.Contains("apt-get install -y graphviz", ex.Message);
        Assert.Contains("brew install graphviz", ex.Message);
        Assert.Contains("winget install graphviz", ex.Message);
    }
}
