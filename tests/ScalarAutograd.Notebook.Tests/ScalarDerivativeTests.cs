using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>ScalarDerivative.dib, run once by the runner, with every cell's outputs as text (HTML entities decoded).</summary>
public sealed class ScalarDerivativeRun() : ExecutedNotebook(System.IO.Path.Combine(Repo.Root, "ScalarDerivative.dib"));

/// <summary>
/// The walkthrough's numbers, read from the executed notebook: the learner's own classes (ForwardValue, MyValue)
/// give the lecture's grads, the comparison with the library is all green, the two classic bugs show.
/// </summary>
[Collection("Notebooks")]
public sealed class ScalarDerivativeTests(ScalarDerivativeRun run) : IClassFixture<ScalarDerivativeRun>
{
    /// <summary>Each labelled box of the graphs in an output: label → (data, grad), as drawn (4 decimals).</summary>
    private static Dictionary<string, (double Data, double Grad)> Boxes(string output)
    {
        var boxes = new Dictionary<string, (double, double)>();
        foreach (Match node in Regex.Matches(output, "<g id=\"node\\d+\" class=\"node\">(.*?)</g>", RegexOptions.Singleline))
        {
            var texts = Regex.Matches(node.Groups[1].Value, "<text[^>]*>([^<]*)</text>").Select(t => t.Groups[1].Value.Trim()).ToList();
            if (texts.Count >= 3 && texts[1].StartsWith("data ") && texts[2].StartsWith("grad "))
                boxes[texts[0]] = (Number(texts[1][5..]), Number(texts[2][5..]));
        }
        return boxes;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static void AssertBoxes(string output, params (string Label, double Data, double Grad)[] expected)
    {
        var boxes = Boxes(output);
        foreach (var (label, data, grad) in expected)
        {
            Assert.True(boxes.TryGetValue(label, out var box), $"no box labelled {label} in: {string.Join(", ", boxes.Keys)}");
            Assert.True(Math.Abs(box.Data - data) < 5e-5 && Math.Abs(box.Grad - grad) < 5e-5, $"{label}: drawn {box}, expected ({data}, {grad})");
        }
    }

    // L = (a·b + c)·f = −8 and its seven grads (walkthrough steps 3–4).
    private static readonly (string, double, double)[] LectureL =
        [("L", -8, 1), ("d", 4, -2), ("f", -2, 4), ("e", -6, -2), ("c", 10, -2), ("a", 2, 6), ("b", -3, -4)];

    // The tanh neuron after backward (walkthrough step 5).
    private static readonly (string, double, double)[] Neuron =
        [("o", 0.7071, 1), ("n", 0.8814, 0.5), ("b", 6.8814, 0.5), ("x1", 2, -1.5), ("w1", -3, 1), ("x2", 0, 0.5), ("w2", 1, 0)];

    [Fact]
    public void Slopes_and_bumps_are_the_lectures()
    {
        var slopes = run.Output("double Slope(double x, double h)");
        Assert.Contains("{ x = 3, f = 20, h = 0.001, slope = 14.003", slopes);
        Assert.Contains("slope = 2.999378523327323E-06", slopes);
        Assert.Contains("<svg", run.Output("var tangent = curve.Add.Line("));
        var bumps = run.Output("double D(double a, double b, double c)");
        Assert.Matches(@"bumped = a, d1 = 4, d2 = [\d.]+, slope = -3\.0000000000", bumps);
        Assert.Matches(@"bumped = b, d1 = 4, d2 = [\d.]+, slope = 2\.0000000000", bumps);
        Assert.Contains("bumped = c, d1 = 4, d2 = 4.0001, slope = 0.9999999999976694", bumps);
    }

    [Fact]
    public void The_learners_forward_class_draws_L_and_backprop_by_hand_gives_its_seven_grads()
    {
        Assert.Contains("ForwardValue(data=7, grad=0, made by + from 6 and 1)", run.Output("class ForwardValue : IDrawableValue"));
        AssertBoxes(run.Output("ForwardValue.LectureGraph().L"), [.. LectureL.Select(v => (v.Item1, v.Item2, 0.0))]);
        AssertBoxes(run.Output("var (a, b, c, e, d, f, L) = ForwardValue.LectureGraph();"), LectureL);
        var check = run.Output("double LOf(");
        Assert.Contains("b = -3.9999999999995595", check);
        Assert.Contains("L after the nudge = -7.286496", check);
    }

    [Fact]
    public void The_learners_closures_pow_tanh_and_Backward_give_the_lectures_grads()
    {
        AssertBoxes(run.Output("e.BackwardStep();\nL"), LectureL);
        AssertBoxes(run.Output("var y = x.Pow(2);"), ("x", 3, 6), ("y", 9, 1));
        AssertBoxes(run.Output("MyValue.NeuronGraph().o"), ("o", 0.7071, 0), ("n", 0.8814, 0));
        var byHand = run.Output("n.Grad = (1 - o.Data * o.Data) * o.Grad;");
        Assert.Contains("1 − o² = 0.4999999999999999", byHand);
        AssertBoxes(byHand, Neuron);
        AssertBoxes(run.Output("x2w2.BackwardStep();\no"), Neuron);
        var backward = run.Output("o.Backward();\ndisplay(string.Join(");
        Assert.Contains("x1 → w1 → x1*w1 → x2 → w2 → x2*w2 → x1*w1 + x2*w2 → b → n → o", backward);
        AssertBoxes(backward, Neuron);
    }

    [Fact]
    public void Assigning_instead_of_accumulating_gives_a_grad_of_1_and_the_fix_2()
    {
        AssertBoxes(run.Output("AddWithAssign(a, a)"), ("a", 3, 1), ("b", 6, 1));
        AssertBoxes(run.Output("var b = a + a;"), ("a", 3, 2), ("b", 6, 1));
        AssertBoxes(run.Output("var e = a + b; e.Label = \"e\";\nvar f = d * e;"), ("a", -2, -3), ("b", 3, -8), ("d", -6, 1), ("e", 1, -6), ("f", -6, 1));
    }

    [Fact]
    public void The_original_projects_example_gives_A_7_and_B_5()
    {
        AssertBoxes(run.Output("new MyValue(5, label: \"A\")"), ("A", 5, 7), ("B", 6, 5));
    }

    [Fact]
    public void Every_check_of_the_learners_class_passes_and_the_deliberate_slip_is_marked_on_a()
    {
        var cards = new[] { "display(Check.Add<MyValue>());", "var y = x.Pow(2);", "display(Check.TopologicalOrder<MyValue>());", "display(Check.Exp<MyValue>());" }
            .SelectMany(code => Exercises.Cards(run.Output(code))).ToList();
        Assert.Equal(9, cards.Count); // + * Pow Tanh, order and Backward, Exp - /
        Assert.All(cards, card => Assert.True(card.Outcome == "Passed", card.Text));
        var slip = run.Output("Check.Multiply<SlipValue>()");
        Assert.Equal("Wrong", Assert.Single(Exercises.Cards(slip)).Outcome);
        Assert.Equal(["a"], Exercises.RedBoxes(slip));
        Assert.Contains("a.grad: yours 2, expected −3; the * node d passes a the other operand's data, b = −3", slip);
    }

    [Fact]
    public void Precision_tanh_from_pieces_and_the_last_digit_are_computed()
    {
        var pieces = run.Output("(e + 1).Pow(-1); o.Label = \"o\";");
        foreach (var expected in new[] { "data 5.8284", "grad 0.0429", "data 0.1464", "grad 4.8284", "grad -1.5000" }) Assert.Contains(expected, pieces);
        var float32 = run.Output("var b32 = (double)(float)6.8813735870195432;");
        Assert.Contains("b as float32, widened: 6.881373405456543", float32);
        Assert.Equal(5, Regex.Count(float32, @"same = ✓"));
        Assert.DoesNotContain("✗", float32);
        var digits = run.Output("decimal ExpDecimal(decimal x)");
        Assert.Contains("formula = (e − 1) / (e + 1), o = 0.7071067811865476", digits);
        Assert.Contains("formula = (e − 1) · (e + 1)^−1, o = 0.7071067811865477", digits);
        Assert.Contains("formula = MyValue.Tanh(), o = 0.7071067811865476", digits);
    }

    [Fact]
    public void The_MLP_draws_its_capped_loss_graph_trains_and_shows_the_zero_grad_bug()
    {
        Assert.Contains("41 parameters", run.Output("MLP LectureNet()"));
        var lossGraph = run.Output("var w0 = net.Layers[0].Neurons[0].W[0];");
        Assert.Matches(@"w\[0\] = -?\d\.\d{6}, w\[0\]\.grad = -?\d\.\d{6}", lossGraph);
        Assert.Contains("Showing the 40 values nearest the output", lossGraph);
        var training = run.Output("double[] Train(MLP net");
        var losses = Regex.Match(training, @"loss: ([\d.]+) at step 1 → ([\d.]+) at step 20");
        Assert.True(Number(losses.Groups[2].Value) < Number(losses.Groups[1].Value) / 10, training);
        var predictions = Regex.Matches(training, @"target = (-?1), prediction = (-?[\d.]+)");
        Assert.Equal(4, predictions.Count);
        Assert.All(predictions, p => Assert.True(Math.Abs(Number(p.Groups[1].Value) - Number(p.Groups[2].Value)) < 0.2, p.Value));
        var plot = run.Output("double[] TrainMoons(");
        Assert.Contains("<svg", plot);
        Assert.Contains("grads never zeroed (the bug)", plot);
    }

    [Fact]
    public void Edit_and_rerun_marks_stale_values_then_shows_before_and_after()
    {
        var stale = run.Output("a.Data = 3.0;        // edit an input");
        Assert.Equal(3, Regex.Count(stale, ">stale<"));
        var sideBySide = run.Output("Graphs.SideBySide(before, L)");
        Assert.Equal(2, Regex.Count(sideBySide, "<svg"));
        Assert.Contains("b: grad -4 → -6", sideBySide);
        Assert.Contains("L: data -8 → -2", sideBySide);
    }

    [Fact]
    public void A_class_defined_in_a_notebook_is_drawn_by_the_formatter()
    {
        using var output = new TempDir();
        var notebook = Repo.TestNotebook("LearnerClass.dib");
        var result = Repo.Runner(Repo.Root, notebook, "--out", output.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var ipynb = System.Net.WebUtility.HtmlDecode(Pictures.Decode(File.ReadAllText(output.File("LearnerClass.ipynb"))));
        Assert.Contains(SvgHtml.BoxClass, ipynb);
        foreach (var text in new[] { ">p<", ">data 1.5000<", ">q<", ">data -4.0000<", ">r<", ">data -6.0000<", ">grad 1.0000<", ">×<" })
            Assert.Contains(text, ipynb);
        Assert.Contains("Scalar(s=7)", ipynb);
        Assert.Single(Directory.GetFiles(output.File("LearnerClass"), "*.svg"));
    }

    [Fact]
    public void A_class_defined_in_a_notebook_is_drawn_under_dotnet_repl()
    {
        using var output = new TempDir();
        var folder = Repo.TestNotebooks;
        var result = DotnetRepl.Run(folder, "LearnerClass.dib", output.File("out.ipynb"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var ipynb = System.Net.WebUtility.HtmlDecode(Pictures.Decode(File.ReadAllText(output.File("out.ipynb"))));
        Assert.Contains(SvgHtml.BoxClass, ipynb);
        foreach (var text in new[] { ">r<", ">data -6.0000<", ">grad 1.0000<", ">×<" }) Assert.Contains(text, ipynb);
    }
}
