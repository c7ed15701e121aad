namespace ScalarAutograd.Tests;

/// <summary>
/// Every note <see cref="Value.Inspect"/> writes under a graph, checked against the history that produced it: what
/// the learner did, in order, and what the note must (and must not) say about it. After <see cref="Value.Recompute"/>
/// brings new numbers, the grads from before are marked stale (issue 20), never passed off as earlier Backward() calls.
/// </summary>
public class GraphNoteHistoryTests
{
    [Fact]
    public void Following_the_stale_note_with_Recompute_marks_the_old_grads_stale_and_says_so()
    {
        var (a, b, c, e, d, f, L) = Lecture.Graph();
        L.Backward(); // once
        a.Data = 3;
        Assert.Contains("Call L.Recompute() for the new numbers", L.Inspect().Note);
        L.Recompute();

        Assert.Equal(-2, L.Data); // the new numbers…
        Assert.Equal(-4, b.Grad); // …beside the grads of the old ones, left as they were
        var report = L.Inspect();
        Assert.Empty(report.StaleValues);
        Assert.Equal(new[] { a, b, e, c, d, f, L }.ToHashSet(), report.StaleGrads.ToHashSet());
        Assert.All(new[] { a, b, c, e, d, f, L }, v => Assert.True(report.IsGradStale(v), v.Label));
        Assert.Equal("The data is recomputed after an input changed, but the 7 grad(s) marked stale are from before that change. " +
                     "Call L.ZeroGrad(); L.Backward() for the grads of the new numbers.", report.Note);
        Assert.DoesNotContain("earlier Backward() passes", report.Note); // Backward() ran once

        L.ZeroGrad();
        L.Backward(); // what the note says to do
        Assert.Empty(L.Inspect().StaleGrads);
        Assert.Null(L.Inspect().Note);
        Assert.Equal(-6, b.Grad); // ∂L/∂b = a·f = 3·−2
    }

    [Fact]
    public void Recompute_of_a_graph_nothing_changed_in_leaves_its_grads_unmarked()
    {
        var L = Lecture.BackpropagatedL();
        L.Recompute();
        Assert.Empty(L.Inspect().StaleGrads);
        Assert.Null(L.Inspect().Note);
    }

    [Fact]
    public void Zero_grads_are_never_marked_and_a_grad_written_again_loses_its_mark()
    {
        var (a, b, _, _, _, _, L) = Lecture.Graph();
        a.Data = 3;
        L.Recompute(); // no Backward() yet: nothing to mark
        Assert.Empty(L.Inspect().StaleGrads);

        L.Backward();
        a.Data = 4;
        L.Recompute();
        Assert.True(L.Inspect().IsGradStale(b));
        b.Grad = 0; // by hand, as the lecture zeroes parameters
        Assert.False(L.Inspect().IsGradStale(b));
        Assert.True(L.Inspect().IsGradStale(a));
    }

    [Fact]
    public void A_snapshot_keeps_the_stale_marks()
    {
        var (a, _, _, _, _, _, L) = Lecture.Graph();
        L.Backward();
        a.Data = 3;
        L.Recompute();
        Assert.Equal(7, L.Snapshot().Inspect().StaleGrads.Count);
    }

    // Each note, from the history that produces it. Null: the picture is self-consistent and needs no note.
    public static TheoryData<string, string?, string?> Histories => new()
    {
        { "built, no Backward()", null, null },
        { "Backward() once", null, null },
        { "Backward() twice", "Leaf grads hold the sum of 2 Backward() calls", null },
        { "edit a, nothing else", "a (now 3) changed after this graph was computed: the 3 value(s) marked stale show old numbers", null },
        { "Backward(), edit a, Recompute()", "the 7 grad(s) marked stale are from before that change", "earlier Backward() passes" },
        { "Backward(), edit a, Backward()", "they hold earlier Backward() passes too", "marked stale" }, // one pass before the edit, one after
        { "Backward(), edit a, Recompute(), Backward()", "they hold earlier Backward() passes too", "marked stale" }, // the leaves add the new pass to the old
        { "Backward(), edit a, Recompute(), ZeroGrad(), Backward()", null, null },
        { "a shares its grad with another graph", "No Backward() from L yet", null },
        { "an intermediate grad set by hand", "not one backward pass from L", null },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void Each_note_says_what_the_history_did(string history, string? says, string? neverSays)
    {
        var (a, _, _, e, _, _, L) = Lecture.Graph();
        switch (history)
        {
            case "built, no Backward()":
                break;
            case "Backward() once":
                L.Backward();
                break;
            case "Backward() twice":
                L.Backward();
                L.Backward();
                break;
            case "edit a, nothing else":
                a.Data = 3;
                break;
            case "Backward(), edit a, Recompute()":
                L.Backward();
                a.Data = 3;
                L.Recompute();
                break;
            case "Backward(), edit a, Backward()":
                L.Backward();
                a.Data = 3;
                L.Backward();
                break;
            case "Backward(), edit a, Recompute(), Backward()":
                L.Backward();
                a.Data = 3;
                L.Recompute();
                L.Backward();
                break;
            case "Backward(), edit a, Recompute(), ZeroGrad(), Backward()":
                L.Backward();
                a.Data = 3;
                L.Recompute();
                L.ZeroGrad();
                L.Backward();
                break;
            case "a shares its grad with another graph":
                (a * new Value(5.0)).Backward();
                break;
            case "an intermediate grad set by hand":
                L.Backward();
                e.Grad = 7;
                break;
            default:
                throw new ArgumentException(history);
        }
        var note = L.Inspect().Note;
        if (says is null) Assert.Null(note);
        else Assert.Contains(says, note);
        if (neverSays is not null) Assert.DoesNotContain(neverSays, note);
    }
}
