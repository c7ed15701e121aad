using CsCheck;
using ScalarAutograd.Rendering;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// No graph, whatever its shape, holds a render (and Graphviz's lock) for long: a graph whose layout would be slow is
/// drawn simplified, with a note. How long renders take is measured in RenderBenchmark; these tests assert only that
/// they return, with a generous deadline that a hang would miss by minutes.
/// </summary>
public class RenderBudgetTests
{
    private const string Note = "Simplified: the full layout would take over";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static string RenderOrTimeOut(Value v, GraphOptions? options = null)
    {
        var render = Task.Run(() => v.ToSvg(options));
        Assert.True(render.Wait(Generous), $"the render did not return within {Generous.TotalSeconds} s");
        return render.Result;
    }

    [Theory]
    [InlineData("reused-leaf chain", 100)] // > 300 s before
    [InlineData("reused-leaf chain", 400)]
    [InlineData("Horner loop", 60)]        // > 200 s before
    [InlineData("random DAG", 800)]
    public void A_graph_too_slow_to_lay_out_is_drawn_simplified_with_a_note(string shape, int size)
    {
        var v = shape switch
        {
            "reused-leaf chain" => Shapes.ReusedLeafChain(size),
            "Horner loop" => Shapes.Horner(size),
            _ => Shapes.RandomDag(size, seed: 7),
        };
        var doc = Svg.Parse(RenderOrTimeOut(v));
        Assert.Contains(Note, Svg.AllText(doc));
        // Each value drawn (up to the limit) still shows: the picture is simpler, not emptier.
        var shown = Math.Min(v.TopologicalOrder().Count, GraphOptions.DefaultMaxValues);
        Assert.True(Svg.Groups(doc, "node").Count(n => Svg.Text(n).Contains("data ")) >= shown);
    }

    [Fact]
    public void In_the_simplified_drawing_a_reused_value_is_drawn_once_plus_a_grey_copy_per_further_use()
    {
        var v = Shapes.ReusedLeafChain(5); // x is used 6 times: x + x, then + x four more times
        var doc = Svg.Parse(v.ToSvg(new GraphOptions { RenderBudget = TimeSpan.FromMilliseconds(1) }));
        Assert.Contains(Note, Svg.AllText(doc));
        var xBoxes = Svg.Groups(doc, "node").Count(n => Svg.Text(n).StartsWith("x\n", StringComparison.Ordinal));
        Assert.Equal(6, xBoxes);
        // A tree (which dot lays out in linear time): 6 values, 5 operations, 5 copies of x, joined by 15 edges.
        Assert.Equal(16, Svg.Groups(doc, "node").Count);
        Assert.Equal(15, Svg.Groups(doc, "edge").Count);
    }

    [Fact]
    public void A_graph_that_lays_out_quickly_is_drawn_whole_without_a_note()
    {
        foreach (var v in new[] { Lecture.BackpropagatedL(), Shapes.WideSum(300), Shapes.DeepChain(200), Shapes.ReusedLeafChain(20) })
        {
            var text = Svg.AllText(Svg.Parse(RenderOrTimeOut(v)));
            Assert.DoesNotContain(Note, text);
        }
    }

    [Fact]
    public void Without_a_dot_program_a_slow_graph_is_drawn_simplified_at_once()
    {
        using (Graphviz.SimulateNoDotProgramForTests())
        {
            Assert.Contains(Note, Svg.AllText(Svg.Parse(RenderOrTimeOut(Shapes.Horner(100)))));
        }
    }

    [Fact]
    public async Task A_slow_graph_does_not_hold_the_lock_other_renders_need()
    {
        var slow = Task.Run(() => Shapes.ReusedLeafChain(400).ToSvg()); // held the lock for well over 10 minutes before
        var small = Task.Run(() => Lecture.BackpropagatedL().ToSvg());
        var first = await Task.WhenAny(small, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(first == small, "a small render waited behind a slow one");
        Assert.Contains(Note, await slow.WaitAsync(Generous));
    }

    [Fact]
    public void The_library_lays_out_nothing_it_estimates_slow()
    {
        var native = Graphviz.InProcess ?? throw new InvalidOperationException("libgvc did not load");
        var estimated = new List<LayoutCost>();
        var bytes = native.Render(Shapes.ReusedLeafChain(400).ToDot(), "svg", c => { estimated.Add(c); return c.IsCheap; }, out var cost);
        Assert.Null(bytes); // returned at once, before any layout: dot would need minutes
        Assert.Equal(400L * 400 - 400, Assert.Single(estimated).VirtualNodes);
        Assert.True(cost.IsHopeless);
    }

    [Fact]
    public void An_infinite_budget_waits_for_the_full_layout_of_a_graph_estimated_slow()
    {
        var v = Shapes.ReusedLeafChain(40); // 1,560 virtual nodes: not cheap, so dot lays it out (in well under a second)
        var doc = Svg.Parse(RenderOrTimeOut(v, new GraphOptions { RenderBudget = Timeout.InfiniteTimeSpan }));
        Assert.DoesNotContain(Note, Svg.AllText(doc));
        Assert.Equal(41 + 40, Svg.Groups(doc, "node").Count); // 41 values, 40 operations: x drawn once
    }

    [Fact]
    public void A_budget_must_be_positive()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Value(1).ToSvg(new GraphOptions { RenderBudget = TimeSpan.Zero }));
        Assert.Contains("RenderBudget must be positive", ex.Message);
    }

    private static readonly Gen<Value> AnyShape = Gen.OneOf(
        Gen.Int[1, 400].Select(Shapes.ReusedLeafChain),
        Gen.Int[1, 200].Select(Shapes.Horner),
        Gen.Int[1, 3_000].Select(Shapes.WideSum),
        Gen.Int[1, 3_000].Select(Shapes.DeepChain),
        Gen.Select(Gen.Int[1, 1_500], Gen.Int, Shapes.RandomDag));

    [Fact]
    public void Any_generated_shape_renders_whole_or_simplified_and_returns() =>
        AnyShape.Sample(v =>
        {
            var doc = Svg.Parse(RenderOrTimeOut(v));
            var text = Svg.AllText(doc);
            Assert.Contains("data " + Shown.Number(v.Data, "F4"), text.Replace('\u2212', '-'));
            // Whole (no note) only if dot could lay it out in time; simplified pictures always say so.
            var copies = Svg.Groups(doc, "node").Count(n => n.Descendants().Any(e => (string?)e.Attribute("fill") == "#eeeeee"));
            if (copies > 0) Assert.Contains(Note, text);
        }, iter: 20, threads: 1);
}
