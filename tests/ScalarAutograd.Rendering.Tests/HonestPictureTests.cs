namespace ScalarAutograd.Rendering.Tests;

/// <summary>A drawn graph never shows numbers that contradict each other without saying why (issue 11).</summary>
public class HonestPictureTests
{
    private static List<System.Xml.Linq.XElement> Nodes(string svg) => Svg.Groups(Svg.Parse(svg), "node");

    private static string NodeText(string svg, string label) =>
        Nodes(svg).Select(Svg.Text).Single(t => t.Split('\n')[0] == label);

    [Fact]
    public void After_an_input_is_edited_the_stale_values_are_marked_and_the_caption_says_what_changed_and_what_to_call()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        a.Data = 3;
        var svg = L.ToSvg();

        foreach (var stale in new[] { "e", "d", "L" }) Assert.EndsWith("stale", NodeText(svg, stale));
        foreach (var fresh in new[] { "a", "b", "c", "f" }) Assert.DoesNotContain("stale", NodeText(svg, fresh));
        var all = Svg.AllText(Svg.Parse(svg));
        Assert.Contains("a (now 3) changed after this graph was computed", all);
        Assert.Contains("L.Recompute()", all);

        L.Backward(); // recomputes, so the picture is whole again
        var after = L.ToSvg();
        Assert.DoesNotContain("stale", Svg.AllText(Svg.Parse(after)));
        Assert.Contains("data -2.0000", NodeText(after, "L"));
    }

    [Fact]
    public void After_Recompute_the_old_grads_are_marked_and_no_edge_label_contradicts_the_box_it_points_at()
    {
        // Issue 20: lecture graph, Backward() once, a.Data = 3 (the note says call Recompute), L.Recompute().
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        a.Data = 3;
        L.Recompute();
        var svg = L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct });

        Assert.Contains("data 3.0000", NodeText(svg, "a"));
        Assert.Contains("grad -4.0000", NodeText(svg, "b")); // the old grad, left as it was…
        foreach (var label in new[] { "a", "b", "c", "e", "d", "f", "L" }) Assert.EndsWith("stale grad", NodeText(svg, label)); // …and marked
        var all = Svg.AllText(Svg.Parse(svg));
        Assert.DoesNotContain("→ −6.0000", all); // the edge into b no longer claims a flow b's box does not hold
        Assert.Contains("× e.grad (stale grads) → ?", all);
        Assert.Contains("grad(s) marked stale are from before that change", string.Join(" ", Svg.Caption(Svg.Parse(svg))));
        Assert.DoesNotContain("earlier Backward() passes", all);

        L.ZeroGrad();
        L.Backward();
        var after = Svg.AllText(Svg.Parse(L.ToSvg(new GraphOptions { EdgeLabels = EdgeLabels.LocalDerivativeAndProduct })));
        Assert.DoesNotContain("stale", after);
        Assert.Contains("∂e/∂b = a = 3.0000\n× e.grad = −2.0000 → −6.0000", after);
    }

    [Fact]
    public void Grads_from_two_Backward_calls_are_explained_under_the_picture()
    {
        var L = Lecture.Graph().L;
        L.Backward();
        Assert.DoesNotContain("Backward()", Svg.AllText(Svg.Parse(L.ToSvg())));
        L.Backward();
        var text = Svg.AllText(Svg.Parse(L.ToSvg()));
        Assert.Contains("Leaf grads hold the sum of 2 Backward() calls", text);
        Assert.Contains("L.ZeroGrad()", text);
        Assert.Contains("grad -4.0000", NodeText(L.ToSvg(), "c")); // the numbers stay as they are: the caption explains them
    }

    [Fact]
    public void A_caption_is_wrapped_so_it_never_makes_a_small_graph_wider()
    {
        var a = new Value(2.0, "a");
        var e = a * new Value(-3.0, "b");
        e.Backward();
        var one = Svg.Parse(e.ToSvg());
        e.Backward();
        var two = Svg.Parse(e.ToSvg()); // now with a two-line caption, longer than the graph is wide if on one line

        var caption = Svg.Caption(two);
        Assert.Contains("Leaf grads hold the sum of 2 Backward() calls", string.Join(" ", caption));
        Assert.True(caption.Count >= 2, string.Join(" | ", caption));
        Assert.All(caption, line => Assert.True(line.Length <= 64, $"caption line of {line.Length} characters: {line}"));
        Assert.InRange(Svg.Width(two) - Svg.Width(one), -2, 2);
    }

    [Fact]
    public void Backward_step_frames_carry_no_caption_a_half_done_pass_is_their_point()
    {
        var trace = Lecture.Graph().L.BackwardSteps();
        Assert.DoesNotContain("backward pass", Svg.AllText(Svg.Parse(trace.FrameToSvg(2))));
    }

    [Fact]
    public void A_before_and_after_comparison_marks_exactly_the_values_whose_data_or_grad_changed()
    {
        var (before, L) = Lecture.EditedA();

        var changes = GraphChanges.Between(before, L);
        // a, e, d, L change data; b (∂L/∂b = a·e.grad) and f (= d) change grad; c keeps both.
        Assert.Equal(new[] { "a", "b", "e", "d", "f", "L" }.Order(), changes.InAfter.Select(v => v.Label!).Order());
        Assert.Contains("a: data 2 → 3", changes.Lines);
        Assert.Contains("b: grad -4 → -6", changes.Lines);

        var svg = L.ToSvg(new GraphOptions { Changed = changes.InAfter });
        Assert.EndsWith("changed", NodeText(svg, "a"));
        Assert.DoesNotContain("changed", NodeText(svg, "c"));
        var old = before.ToSvg(new GraphOptions { Changed = changes.InBefore });
        Assert.EndsWith("changed", NodeText(old, "b"));
        Assert.Contains("data 2.0000", NodeText(old, "a"));
    }

    [Fact]
    public void Unlabelled_values_in_a_comparison_are_named_as_the_backprop_player_names_them()
    {
        var x = new Value(2.0);
        var w = new Value(-3.0, "w");
        var y = (x * w).Tanh();
        y.Backward();
        var before = y.Snapshot();
        x.Data = 0.5;
        y.ZeroGrad();
        y.Backward();

        var lines = GraphChanges.Between(before, y).Lines;
        Assert.Contains(lines, l => l.StartsWith("leaf 2: data 2 → 0.5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2*w: data -6 → -1.5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tanh(2*w): data", StringComparison.Ordinal));
    }

    [Fact]
    public void Comparing_two_different_graphs_is_refused_with_what_to_do()
    {
        var L = Lecture.Graph().L;
        var other = L * 2;
        var error = Assert.Throws<ArgumentException>(() => GraphChanges.Between(L, other));
        Assert.Contains("Snapshot()", error.Message);
    }
}
