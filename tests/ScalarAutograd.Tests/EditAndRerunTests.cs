namespace ScalarAutograd.Tests;

/// <summary>Edit an input, re-run: numbers that never contradict each other (issue 11).</summary>
public class EditAndRerunTests
{
    [Fact]
    public void Recompute_after_editing_a_leaf_gives_what_rebuilding_the_expression_gives()
    {
        var (a, b, c, e, d, f, L) = Lecture.Graph();
        a.Data = 3;
        L.Recompute();

        var (a2, _, _, e2, d2, _, L2) = Lecture.Graph();
        a2.Data = 3;
        var rebuilt = (a2 * new Value(-3.0) + new Value(10.0)) * new Value(-2.0);
        Assert.Equal(3 * -3.0, e.Data);
        Assert.Equal(3 * -3.0 + 10, d.Data);
        Assert.Equal(rebuilt.Data, L.Data);
        Assert.Equal(new[] { b.Data, a.Data }, e.LocalDerivatives); // ∂e/∂a = b, ∂e/∂b = a = 3 now
        Assert.Equal(new[] { f.Data, d.Data }, L.LocalDerivatives);
        Assert.Equal(10.0, c.Data);
        _ = (e2, d2, L2);
    }

    [Fact]
    public void Backward_after_an_in_place_edit_recomputes_first_so_grads_use_the_new_input()
    {
        var (a, b, c, e, d, f, L) = Lecture.Graph();
        L.Backward();
        a.Data = 3;
        L.ZeroGrad();
        L.Backward();

        // micrograd's closures read the current a: b.grad = a · e.grad = 3 · −2 = −6.
        Assert.Equal(-6.0, b.Grad);
        Assert.Equal(-3.0 * -2.0, a.Grad);
        Assert.Equal((3 * -3.0 + 10) * -2.0, L.Data);
        Assert.Equal(L.Data, d.Data * f.Data);
        Assert.Equal(d.Data, e.Data + c.Data);
        Assert.Equal(d.Data, f.Grad); // ∂L/∂f = d, the new d
        Assert.Null(L.Inspect().Note);
    }

    [Fact]
    public void An_edited_leaf_leaves_its_dependents_stale_and_the_report_names_the_input_and_the_call()
    {
        var (a, _, _, e, d, _, L) = Lecture.Graph();
        Assert.Empty(L.Inspect().StaleValues);
        a.Data = 3;

        var report = L.Inspect();
        Assert.Equal(new[] { e, d, L }, report.StaleValues);
        Assert.Equal(new[] { a }, report.ChangedValues);
        Assert.True(report.IsStale(L));
        Assert.False(report.IsStale(a));
        Assert.Contains("a (now 3)", report.Note);
        Assert.Contains("L.Recompute()", report.Note);

        L.Recompute();
        Assert.Empty(L.Inspect().StaleValues);
        Assert.Null(L.Inspect().Note);
    }

    [Fact]
    public void Recomputing_part_of_a_graph_leaves_the_rest_stale_until_it_is_recomputed()
    {
        var (a, _, _, e, d, _, L) = Lecture.Graph();
        a.Data = 3;
        e.Recompute();
        var report = L.Inspect();
        Assert.Equal(new[] { e }, report.ChangedValues);
        Assert.Equal(new[] { d, L }, report.StaleValues);
        L.Backward();
        Assert.Equal((3 * -3.0 + 10) * -2.0, L.Data);
    }

    [Fact]
    public void Setting_the_data_of_a_computed_value_is_refused_and_changes_nothing()
    {
        var (_, _, _, e, _, _, L) = Lecture.Graph();
        var error = Assert.Throws<InvalidOperationException>(() => e.Data = 100);
        Assert.Contains("'e'", error.Message);
        Assert.Contains("Recompute()", error.Message);
        Assert.Equal(-6.0, e.Data);
        Assert.Contains("This * result", Assert.Throws<InvalidOperationException>(() => (L * 2).Data = 1).Message);
        Assert.Empty(L.Inspect().StaleValues);
    }

    [Fact]
    public void A_training_step_that_updates_parameters_and_builds_a_new_graph_is_not_stale()
    {
        var w = new Value(0.5, "w");
        var x = new Value(2.0, "x");
        for (var step = 0; step < 3; step++)
        {
            var loss = (w * x - 3).Pow(2);
            Assert.Empty(loss.Inspect().StaleValues);
            w.Grad = 0;
            loss.Backward();
            Assert.Equal(2 * (w.Data * x.Data - 3) * x.Data, w.Grad, 12);
            w.Data -= 0.1 * w.Grad;
            Assert.Equal(new[] { w }, loss.Inspect().ChangedValues); // the old graph is stale now, and says why
        }
    }

    [Fact]
    public void A_second_Backward_without_ZeroGrad_is_explained_by_the_report()
    {
        var L = Lecture.Graph().L;
        Assert.Null(L.Inspect().Note); // nothing computed yet: all grads 0
        Assert.Equal(0, L.Inspect().BackwardPasses);
        L.Backward();
        Assert.Equal(1, L.Inspect().BackwardPasses);
        Assert.Null(L.Inspect().Note);
        L.Backward();
        var report = L.Inspect();
        Assert.True(report.GradsAreBackward);
        Assert.Equal(2, report.BackwardPasses);
        Assert.Contains("sum of 2 Backward() calls", report.Note);
        Assert.Contains("L.ZeroGrad()", report.Note);
        L.ZeroGrad();
        L.Backward();
        Assert.Null(L.Inspect().Note);
    }

    [Fact]
    public void Backward_after_an_edit_without_ZeroGrad_says_the_leaves_hold_an_earlier_pass_and_what_to_call()
    {
        var (a, b, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        a.Data = 3;
        Assert.Contains("L.ZeroGrad(); L.Backward()", L.Inspect().Note); // the stale note's advice gives one pass
        L.Backward(); // leaves now hold the pass at a = 2 plus the pass at a = 3
        Assert.Equal(-4.0 + -6.0, b.Grad);
        var note = L.Inspect().Note;
        Assert.Contains("hold earlier Backward() passes too", note);
        Assert.Contains("L.ZeroGrad() before L.Backward()", note);
        Assert.Contains("one backward pass from L", L.Inspect().ToString());
        L.ZeroGrad();
        L.Backward();
        Assert.Equal(-6.0, b.Grad);
        Assert.StartsWith("Consistent", L.Inspect().ToString());
    }

    [Fact]
    public void Grads_that_are_no_backward_pass_are_flagged_and_correct_ones_set_by_hand_are_not()
    {
        var (a, b, c, e, d, f, L) = Lecture.Graph();
        L.Grad = 1; f.Grad = d.Data; d.Grad = f.Data; c.Grad = d.Grad; e.Grad = d.Grad;
        a.Grad = b.Data * e.Grad; b.Grad = a.Data * e.Grad;
        Assert.Null(L.Inspect().Note); // the lecture's backprop by hand is one correct pass

        b.Grad = 5; // a slip
        Assert.False(L.Inspect().GradsAreBackward);
        Assert.Contains("not one backward pass from L", L.Inspect().Note);

        var (a2, b2, _, _, _, _, L2) = Lecture.Graph();
        a2.Grad = 1; // from some other graph
        Assert.Contains("No Backward() from L yet", L2.Inspect().Note);
        _ = b2;
    }

    [Fact]
    public void BackwardSteps_twice_records_identical_frames_and_leaves_what_two_Backward_calls_leave()
    {
        var (a, b, c, _, _, f, L) = Lecture.Graph();
        var first = L.BackwardSteps();
        var second = L.BackwardSteps();
        Assert.Equal(first.Frames.Count, second.Frames.Count);
        for (var k = 0; k < first.Frames.Count; k++) Assert.Equal(first.Frames[k].Grads, second.Frames[k].Grads);

        var twin = Lecture.Graph();
        twin.L.Backward();
        twin.L.Backward();
        Assert.Equal(new[] { twin.a, twin.b, twin.c, twin.f }.Select(v => v.Grad), new[] { a, b, c, f }.Select(v => v.Grad));
        Assert.Equal(twin.e.Grad, first.Frames[^1].Grads[first.IndexOf(first.Values.First(v => v.Label == "e"))]);
    }

    [Fact]
    public void BackwardSteps_on_an_edited_graph_steps_through_the_recomputed_numbers()
    {
        var (a, b, _, _, _, _, L) = Lecture.Graph();
        a.Data = 3;
        var trace = L.BackwardSteps();
        Assert.Equal(-6.0, trace.Frames[^1].Grads[trace.IndexOf(b)]);
        Assert.Equal((3 * -3.0 + 10) * -2.0, L.Data);
        _ = a;
    }

    [Fact]
    public void A_snapshot_keeps_the_before_picture_while_the_original_is_edited()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        var before = L.Snapshot();
        a.Data = 3;
        L.Backward();

        var old = before.TopologicalOrder();
        var now = L.TopologicalOrder();
        Assert.Equal(now.Count, old.Count);
        Assert.Equal(now.Select(v => v.Label), old.Select(v => v.Label));
        Assert.Equal(now.Select(v => v.Op), old.Select(v => v.Op));
        Assert.Equal(-8.0, before.Data);
        Assert.Equal(2.0, old.Single(v => v.Label == "a").Data);
        Assert.Equal(6.0, old.Single(v => v.Label == "a").Grad);
        Assert.Empty(now.Intersect(old, ReferenceEqualityComparer.Instance));
        Assert.Null(before.Inspect().Note);
    }

    [Fact]
    public void Recompute_follows_IEEE_and_anomaly_mode_names_the_value()
    {
        var x = new Value(4.0, "x");
        var y = x.Log(); y.Label = "y";
        x.Data = -1;
        y.Recompute();
        Assert.True(double.IsNaN(y.Data));

        x.Data = 0;
        using (Value.DetectAnomalies())
        {
            var error = Assert.Throws<AnomalyException>(y.Recompute);
            Assert.Contains("'x'", error.Message);
            Assert.False(error.InBackward);
        }
        x.Data = 1;
        y.Recompute(); // a failed recompute leaves no value marked: the graph is usable again
        Assert.Equal(0.0, y.Data);
    }

    [Fact]
    public void A_ten_million_deep_chain_recomputes_without_recursion()
    {
        const int depth = 10_000_000;
        var x = new Value(1.0);
        var v = x;
        for (var i = 0; i < depth; i++) v = -v;
        x.Data = 2;
        v.Recompute();
        Assert.Equal(2.0, v.Data); // an even number of negations
        v.Backward();
        Assert.Equal(1.0, x.Grad);
    }
}
