using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// The live page in real headless Chromium (tests/clients/live-drive.js): sliders and number boxes set to generated
/// values, and every data and grad the page shows compared with the C# engine's for the same inputs.
/// </summary>
public partial class LiveBrowserTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Lecture_graph_follows_sliders_and_boxes_bit_for_bit()
    {
        var L = Lecture.Graph().L;
        var steps = Steps(new Random(1), L, count: 12);
        Check(L, steps, exact: true);
    }

    [Fact]
    public void Random_arithmetic_graphs_match_the_engine_bit_for_bit()
    {
        var rng = new Random(2024);
        for (var g = 0; g < 4; g++)
        {
            var output = LiveGraphs.RandomArithmetic(rng, operations: 25);
            Check(output, Steps(rng, output, count: 6), exact: true);
        }
    }

    [Fact]
    public void An_MLP_neurons_weighted_sum_drawn_as_one_node_matches_the_engine_bit_for_bit()
    {
        var rng = new Random(25);
        var neuron = new Nn.Neuron(3, Nn.Activation.Relu, rng); // Σw·x+b, then relu: one MLP hidden unit
        var h = neuron.Forward([new Value(1.0, "x1"), new Value(-0.5, "x2"), new Value(2.0, "x3")]);
        var o = (h * new Value(0.7, "v") + new Value(0.2, "c")).Tanh(); // a next layer that reuses it
        Check(o, Steps(rng, o, count: 8), exact: false);
        var L = neuron.Forward([new Value(0.5, "x1"), new Value(1.5, "x2"), new Value(-1.0, "x3")]);
        Check(L, Steps(rng, L, count: 8), exact: true); // + and * only: the same IEEE operations in the same order
    }

    [Fact]
    public void Every_operation_and_the_tanh_neuron_match_the_engine_to_1e_12()
    {
        var rng = new Random(3);
        var every = LiveGraphs.EveryOperation();
        Check(every, Steps(rng, every, count: 12), exact: false);
        var neuron = LiveGraphs.TanhNeuron();
        Check(neuron, Steps(rng, neuron, count: 8), exact: false);
    }

    [Fact]
    public void NaN_and_infinity_show_as_such_with_a_note_naming_where_they_start()
    {
        var every = LiveGraphs.EveryOperation(); // inputs x, y, z: exp(−1000) = 0, so log gives −∞ and its slope ∞
        var step = new Step("box", [("0.5", 0), ("1", 1), ("-1000", 2)]);
        var result = Check(every, [step], exact: false);
        var shown = result["values"]!.AsArray().SelectMany(v => v!["texts"]!.AsArray().Select(t => t!.GetValue<string>())).ToList();
        Assert.Contains("data -Infinity", shown);
        Assert.Contains("grad NaN", shown);
        Assert.Contains("log of 0 (from exp) produced -Infinity in the forward pass", result["status"]!.GetValue<string>());
    }

    [Fact]
    public void Relu_neuron_grads_vanish_when_the_pre_activation_crosses_0()
    {
        var o = LiveGraphs.ReluNeuron(); // inputs in topological order: w1, x1, w2, x2, b
        var positive = new Step("slider", [("0.8", 0), ("1", 1), ("0.6", 2), ("-0.5", 3), ("0.1", 4)]);
        var negative = new Step("slider", [("0.8", 0), ("1", 1), ("0.6", 2), ("-0.5", 3), ("-1", 4)]);
        var pages = Drive(o, [positive, negative], exact: true);
        string GradOf(JsonNode step, string label) => step["values"]!.AsArray()
            .Single(v => v!["texts"]!.AsArray()[0]!.GetValue<string>() == label)!["texts"]!.AsArray()[^1]!.GetValue<string>();
        Assert.Equal("grad 0.8000", GradOf(pages[0], "x1"));
        Assert.Equal("grad 0.0000", GradOf(pages[1], "x1"));
        Assert.Equal("grad 0.0000", GradOf(pages[1], "w1"));
    }

    [Fact]
    public void Fills_and_legend_follow_the_grads_as_the_drawing_colours_them()
    {
        var L = Lecture.Graph().L;
        var options = new GraphOptions { ColorByGrad = true };
        var steps = Steps(new Random(5), L, count: 6);
        var results = Drive(L, steps, exact: true, options);
        var order = L.TopologicalOrder();
        for (var s = 0; s < steps.Count; s++)
        {
            Apply(L, steps[s], results[s]);
            // The C# drawing of the same state: each box's bgcolor and the legend's numbers.
            var dot = L.ToDot(options);
            var fills = BoxFill().Matches(dot).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            foreach (var v in results[s]["values"]!.AsArray().Where(v => v!["node"] is not null))
                Assert.Equal(fills[v!["node"]!.GetValue<string>()], v["fill"]!.GetValue<string>());
            var legend = LegendStop().Matches(dot).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(legend, results[s]["legend"]!.AsArray().Select(t => t!.GetValue<string>()));
        }
    }

    [Fact]
    public void Boxes_off_screen_catch_up_when_scrolled_into_view()
    {
        var o = LiveGraphs.TanhNeuron(); // about 1,500 px wide: most of it is off a 500 px window
        var step = Steps(new Random(9), o, count: 2)[1];
        var file = Path.Combine(LiveNode.TempFolder(), "live.html");
        o.Live().Save(file);
        var steps = new[] { new { via = step.Via, sets = step.Sets.Select(t => new object[] { t.Input, t.Value }), scroll = true } };
        var page = LiveNode.Run("live-drive.js", new { pages = new[] { new { file, javascript = true, width = 500, height = 400, steps } } })["pages"]![0]!;
        var result = page["steps"]![0]!;
        Assert.True(result["unseen"]!.GetValue<int>() > 0, "the window should hide some boxes");
        Apply(o, step, result);
        var order = o.TopologicalOrder();
        for (var i = 0; i < order.Count; i++)
        {
            var texts = result["values"]![i]!["texts"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.Equal("data " + Shown.Number(order[i].Data, "F4"), texts[^2]);
            Assert.Equal("grad " + Shown.Number(order[i].Grad, "F4"), texts[^1]);
        }
    }

    [Fact]
    public void A_simplified_drawing_updates_the_grey_copies_of_reused_values_too()
    {
        var every = LiveGraphs.EveryOperation(); // x, y, z feed several operations: the tree shows copies of them
        var options = new GraphOptions { RenderBudget = TimeSpan.FromMilliseconds(1) }; // no time for the full layout
        var steps = Steps(new Random(11), every, count: 4);
        var results = Drive(every, steps, exact: false, options);
        var ids = NearestFirst.Walk(every, options.MaxValues, DotWriter.CountLimit).Values;
        for (var s = 0; s < steps.Count; s++)
        {
            Apply(every, steps[s], results[s]);
            var copies = results[s]["copies"]!.AsArray();
            Assert.NotEmpty(copies);
            foreach (var copy in copies)
            {
                var parts = copy!["title"]!.GetValue<string>()[1..].Split('u').Select(int.Parse).ToArray();
                var value = ids[parts[0]].Children[parts[1]];
                var texts = copy["texts"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
                Assert.Equal("data " + Shown.Number(value.Data, "F4"), texts[^2]);
                Assert.Equal("grad " + Shown.Number(value.Grad, "F4"), texts[^1]);
            }
        }
    }

    // ---- Driving the page ------------------------------------------------------------------------------------------

    internal sealed record Step(string Via, IReadOnlyList<(string Value, int Input)> Sets);

    // Random input vectors: slider moves (values on the slider's own grid, as dragging gives) and typed numbers.
    private static List<Step> Steps(Random rng, Value output, int count)
    {
        var leaves = output.TopologicalOrder().Where(v => v.IsLeaf).ToList();
        var steps = new List<Step>();
        for (var s = 0; s < count; s++)
        {
            var slider = s % 2 == 0;
            var sets = leaves.Select((leaf, k) =>
            {
                var (min, max, step) = LiveModel.SliderRange(leaf.Data);
                var lo = double.Parse(min, Invariant);
                var ticks = (int)Math.Round((double.Parse(max, Invariant) - lo) / double.Parse(step, Invariant));
                var value = slider
                    ? (decimal.Parse(min, Invariant) + rng.Next(ticks + 1) * decimal.Parse(step, Invariant)).ToString(Invariant)
                    : ((rng.NextDouble() * 2 - 1) * Math.Max(1, 2 * Math.Abs(leaf.Data))).ToString("R", Invariant);
                return (value, k);
            }).ToList();
            steps.Add(new Step(slider ? "slider" : "box", sets));
        }
        return steps;
    }

    private static List<JsonNode> Drive(Value output, IReadOnlyList<Step> steps, bool exact, GraphOptions? options = null)
    {
        var dir = LiveNode.TempFolder();
        var file = Path.Combine(dir, "live.html");
        output.Live(new LiveOptions { Graph = options ?? GraphOptions.Default }).Save(file);
        var job = new
        {
            pages = new[]
            {
                new { file, javascript = true, steps = steps.Select(s => new { via = s.Via, sets = s.Sets.Select(t => new object[] { t.Input, t.Value }) }) },
            },
        };
        var page = LiveNode.Run("live-drive.js", job)["pages"]![0]!;
        Assert.Empty(page["errors"]!.AsArray());
        return [.. page["steps"]!.AsArray().Select(s => s!)];
    }

    // Sets the C# graph's leaves to what the page's controls hold, then ZeroGrad + Backward (which recomputes).
    private static void Apply(Value output, Step step, JsonNode result)
    {
        var leaves = output.TopologicalOrder().Where(v => v.IsLeaf).ToList();
        var applied = result[step.Via == "slider" ? "applied" : "appliedBox"]!.AsArray();
        foreach (var (value, k) in step.Sets)
        {
            var x = double.Parse(applied[k]!.GetValue<string>(), Invariant);
            if (step.Via == "box") Assert.Equal(double.Parse(value, Invariant), x); // the box holds what was typed
            leaves[k].Data = x;
            Assert.Equal(x, LiveNode.Parse(result["inputs"]![k])); // and the page computes with exactly that
        }
        output.ZeroGrad();
        output.Backward();
    }

    private static JsonNode Check(Value output, IReadOnlyList<Step> steps, bool exact)
    {
        var results = Drive(output, steps, exact);
        var order = output.TopologicalOrder();
        for (var s = 0; s < steps.Count; s++)
        {
            Apply(output, steps[s], results[s]);
            var values = results[s]["values"]!.AsArray();
            Assert.Equal(order.Count, values.Count);
            Assert.Equal(0, results[s]["unseen"]!.GetValue<int>()); // every box on screen, so every box up to date
            for (var i = 0; i < order.Count; i++)
            {
                var v = order[i];
                var shown = values[i]!;
                AssertClose(v.Data, LiveNode.Parse(shown["data"]), exact, $"step {s}, data of {v}");
                AssertClose(v.Grad, LiveNode.Parse(shown["grad"]), exact, $"step {s}, grad of {v}");
                var texts = shown["texts"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
                Assert.Equal("data " + Shown.Number(v.Data, "F4"), texts[^2]);
                Assert.Equal("grad " + Shown.Number(v.Grad, "F4"), texts[^1]);
            }
        }
        return results[^1];
    }

    // Exact: the same IEEE operations in the same order give the same bits. Otherwise the script's exp/log/pow/tanh may
    // differ from the C runtime's in the last place (LiveScriptTests): 1e-12 relative, or absolute below 1.
    private static void AssertClose(double expected, double actual, bool exact, string what)
    {
        if (expected.Equals(actual)) return;
        var ok = !exact && double.IsFinite(expected) && double.IsFinite(actual) &&
                 Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected));
        Assert.True(ok, $"{what}: engine {expected:R}, page {actual:R}");
    }

    [GeneratedRegex("(v[0-9]+) \\[shape=plain label=<<table [^>]*bgcolor=\"(#[0-9a-f]{6})\"")]
    private static partial Regex BoxFill();

    [GeneratedRegex("<td bgcolor=\"#[0-9a-f]{6}\">(?:<font color=\"#[0-9a-f]{6}\">)?([^<]*)(?:</font>)?</td>")]
    private static partial Regex LegendStop();
}
