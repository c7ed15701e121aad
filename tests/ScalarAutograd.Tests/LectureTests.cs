namespace ScalarAutograd.Tests;

/// <summary>The lecture's numbers (shared/reference/walkthrough.md), steps 3–7.</summary>
public class LectureTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void L_is_minus_8_with_the_seven_gradients_of_the_lecture()
    {
        var (a, b, c, e, d, f, L) = Lecture.Graph();
        Assert.Equal(-8.0, L.Data);
        L.Backward();
        Assert.Equal(1.0, L.Grad);
        Assert.Equal(-2.0, d.Grad);
        Assert.Equal(4.0, f.Grad);
        Assert.Equal(-2.0, e.Grad);
        Assert.Equal(-2.0, c.Grad);
        Assert.Equal(6.0, a.Grad);
        Assert.Equal(-4.0, b.Grad);
    }

    [Fact]
    public void Nudging_the_leaves_along_their_gradients_raises_L_to_the_lectures_value()
    {
        var (a, b, c, _, _, f, L) = Lecture.Graph();
        L.Backward();
        foreach (var leaf in new[] { a, b, c, f }) leaf.Data += 0.01 * leaf.Grad;
        var e = a * b;
        var d = e + c;
        Assert.Equal(-7.286496, (d * f).Data, 1e-9);
    }

    [Fact]
    public void Graph_records_operations_and_operands_in_order()
    {
        var (a, b, _, e, d, _, L) = Lecture.Graph();
        Assert.Equal("*", e.Op);
        Assert.Equal([a, b], e.Children);
        Assert.Equal("+", d.Op);
        Assert.Equal("", a.Op);
        Assert.True(a.IsLeaf);
        Assert.Equal(["a", "b", "e", "c", "d", "f", "L"], L.TopologicalOrder().Select(v => v.Label));
    }

    [Fact]
    public void Tanh_neuron_matches_the_lecture()
    {
        var (x1, x2, w1, w2, b, n) = Lecture.Neuron();
        var o = n.Tanh();
        Assert.Equal(0.8813735870195432, n.Data, Exact);
        Assert.Equal(0.7071067811865476, o.Data, Exact);
        o.Backward();
        Assert.Equal(0.5, n.Grad, 1e-12);
        Assert.Equal(0.5, b.Grad, 1e-12);
        Assert.Equal(-1.5, x1.Grad, 1e-12);
        Assert.Equal(1.0, w1.Grad, 1e-12);
        Assert.Equal(0.5, x2.Grad, 1e-12);
        Assert.Equal(0.0, w2.Grad, 1e-12);
    }

    [Fact]
    public void Tanh_built_from_exp_and_division_gives_the_same_value_and_gradients()
    {
        var (x1, x2, w1, w2, b, n) = Lecture.Neuron();
        var e = (2 * n).Exp();
        var o = (e - 1) / (e + 1);
        Assert.Equal(0.7071067811865476, o.Data, Exact);
        o.Backward();
        Assert.Equal(5.8284, e.Data, 1e-4);
        Assert.Equal(0.0429, e.Grad, 1e-4);
        Assert.Equal(0.5, n.Grad, 1e-12);
        Assert.Equal(-1.5, x1.Grad, 1e-12);
        Assert.Equal(1.0, w1.Grad, 1e-12);
        Assert.Equal(0.5, x2.Grad, 1e-12);
        Assert.Equal(0.0, w2.Grad, 1e-12);
        Assert.Equal(0.5, b.Grad, 1e-12);
    }

    [Fact]
    public void Node_by_node_local_backward_in_reverse_topological_order_equals_Backward()
    {
        var (x1, _, w1, _, b, n) = Lecture.Neuron();
        var o = n.Tanh();
        o.Grad = 1.0;
        var order = o.TopologicalOrder();
        for (var i = order.Count - 1; i >= 0; i--) order[i].LocalBackward();
        Assert.Equal(-1.5, x1.Grad, 1e-12);
        Assert.Equal(1.0, w1.Grad, 1e-12);
        Assert.Equal(0.5, b.Grad, 1e-12);
    }

    [Fact]
    public void A_value_used_twice_receives_from_both_paths()
    {
        var a = new Value(3.0, "a");
        var b = a + a;
        b.Backward();
        Assert.Equal(2.0, a.Grad);
        Assert.Equal([a, a], b.Children);
    }

    [Fact]
    public void Accumulation_case_with_shared_operands()
    {
        var a = new Value(-2.0, "a");
        var b = new Value(3.0, "b");
        var d = a * b;
        var e = a + b;
        var f = d * e;
        Assert.Equal(-6.0, f.Data);
        f.Backward();
        Assert.Equal(-3.0, a.Grad);
        Assert.Equal(-8.0, b.Grad);
        Assert.Equal(1.0, d.Grad);
        Assert.Equal(-6.0, e.Grad);
    }

    [Fact]
    public void A_second_Backward_adds_the_same_gradients_again_on_leaves()
    {
        var (a, b, c, _, d, f, L) = Lecture.Graph();
        L.Backward();
        L.Backward();
        Assert.Equal(12.0, a.Grad);
        Assert.Equal(-8.0, b.Grad);
        Assert.Equal(-4.0, c.Grad);
        Assert.Equal(8.0, f.Grad);
        Assert.Equal(-2.0, d.Grad); // intermediates show the latest call's gradient
        L.ZeroGrad();
        Assert.All(L.TopologicalOrder(), v => Assert.Equal(0.0, v.Grad));
    }
}
