using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>notebooks/BuildItYourself.dib filled in from answer files, as a learner would type them.</summary>
internal static class Exercises
{
    public static string Notebook => Path.Combine(Repo.Root, "notebooks", "BuildItYourself.dib");

    /// <summary>
    /// Each blank's <c>throw new NotImplementedException("…")</c> line replaced by its answer (the later file wins),
    /// indented like the blank; the copy is written to <paramref name="folder"/> with its <c>#r</c> path made absolute.
    /// </summary>
    public static string Fill(string folder, params string[] answerFiles)
    {
        var answers = new Dictionary<string, string>();
        foreach (var file in answerFiles)
        {
            foreach (var block in File.ReadAllText(Repo.TestNotebook(file)).Split("=== ").Skip(1))
            {
                var newline = block.IndexOf('\n');
                answers[block[..newline].Trim()] = block[(newline + 1)..].TrimEnd();
            }
        }
        var text = File.ReadAllText(Notebook);
        var blanks = Regex.Matches(text, "^( *)throw new NotImplementedException\\(\"([^\"]+)\"\\);$", RegexOptions.Multiline);
        Assert.Equal(13, blanks.Count); // 12 exercises, the 6th with two operators
        text = Regex.Replace(text, "^( *)throw new NotImplementedException\\(\"([^\"]+)\"\\);$", m =>
            string.Join("\n", answers[m.Groups[2].Value].Split('\n').Select(line => line.Length == 0 ? line : m.Groups[1].Value + line)),
            RegexOptions.Multiline);
        text = text.Replace("#r \"../src/", $"#r \"{Repo.Root}/src/");
        var path = Path.Combine(folder, "BuildItYourself.dib");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Each check card in an output: its outcome, summary and caption.</summary>
    public static List<(string Outcome, string Text)> Cards(string output) =>
        [.. Regex.Matches(output, "<div class=\"scalar-autograd-check\" data-outcome=\"(\\w+)\"[^>]*>(.*?)</div></div>", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value, Regex.Replace(m.Groups[2].Value, "<[^>]+>", " ")))];

    /// <summary>The labels of the boxes drawn in red (the checker's mark) in an output's pictures.</summary>
    public static List<string> RedBoxes(string output) =>
        [.. Regex.Matches(output, "<g id=\"node\\d+\" class=\"node\">(.*?)</g>", RegexOptions.Singleline)
            .Where(node => node.Groups[1].Value.Contains("stroke=\"#c92a2a\""))
            .Select(node => Regex.Match(node.Groups[1].Value, "<text[^>]*>([^<]*)</text>").Groups[1].Value.Trim())];
}

public sealed class BlankExercises() : ExecutedNotebook(Exercises.Notebook);

public sealed class AnsweredExercises : IDisposable
{
    private readonly TempDir _folder = new();

    public AnsweredExercises() => Run = new ExecutedNotebook(Exercises.Fill(_folder.Path, "BuildItYourself.answers.txt"));

    public ExecutedNotebook Run { get; }

    public void Dispose()
    {
        Run.Dispose();
        _folder.Dispose();
    }
}

public sealed class WrongExercises : IDisposable
{
    private readonly TempDir _folder = new();

    public WrongExercises() => Run = new ExecutedNotebook(Exercises.Fill(_folder.Path, "BuildItYourself.answers.txt", "BuildItYourself.wrong.txt"));

    public ExecutedNotebook Run { get; }

    public void Dispose()
    {
        Run.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// The exercise notebook as a learner meets it: blank, every check a "to do" note and Run All exits 0; filled with
/// the reference answers, every check ✓ and the network trains; filled with typical mistakes, each check marks the
/// value the mistake makes wrong.
/// </summary>
[Collection("Notebooks")]
public sealed class BuildItYourselfTests(BlankExercises blank, AnsweredExercises answered, WrongExercises wrong)
    : IClassFixture<BlankExercises>, IClassFixture<AnsweredExercises>, IClassFixture<WrongExercises>
{
    private static readonly string[] Checks =
    [
        "Check.Add<MyValue>()", "Check.Multiply<MyValue>()", "Check.Power<MyValue>()", "Check.Tanh<MyValue>()",
        "Check.Exp<MyValue>()", "Check.Subtract<MyValue>()", "Check.Divide<MyValue>()", "Check.TopologicalOrder<MyValue>()",
        "Check.Backward<MyValue>()", "Check.Neuron(3,", "Check.Layer(3, 4,", "Check.MLP(3, [4, 4, 1],",
    ];

    [Fact]
    public void Blank_every_exercise_shows_a_to_do_note_naming_it_and_no_cell_fails()
    {
        for (var i = 0; i < Checks.Length; i++)
        {
            var card = Assert.Single(Exercises.Cards(blank.Output(Checks[i])));
            Assert.Equal("ToDo", card.Outcome);
            Assert.Contains($"Exercise {i + 1}:", card.Text);
        }
        Assert.Equal("ToDo", Assert.Single(Exercises.Cards(blank.Output("MyValue.LectureL()"))).Outcome);
        Assert.Equal("ToDo", Assert.Single(Exercises.Cards(blank.Output("new MLP(3, [4, 4, 1], new Random(42))"))).Outcome);
    }

    [Fact]
    public void Answered_every_check_passes_and_the_learners_engine_gives_the_lectures_L_and_trains()
    {
        foreach (var check in Checks)
        {
            var card = Assert.Single(Exercises.Cards(answered.Run.Output(check)));
            Assert.True(card.Outcome == "Passed", $"{check}: {card.Text}");
            Assert.Contains("✓", card.Text);
        }
        var lecture = answered.Run.Output("MyValue.LectureL()");
        foreach (var box in new[] { ">L<", ">data -8.0000<", ">a<", ">grad 6.0000<", ">grad -4.0000<", ">grad 4.0000<" }) Assert.Contains(box, lecture);
        var training = answered.Run.Output("new MLP(3, [4, 4, 1], new Random(42))");
        var first = double.Parse(Regex.Match(training, @"loss at step 1 = ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var last = double.Parse(Regex.Match(training, @"loss at step 50 = ([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(first > 5 && last < 0.01, training);
        var predictions = Regex.Matches(training, @"target = (-?1), prediction = (-?[\d.]+(?:E-?\d+)?)");
        Assert.Equal(4, predictions.Count);
        Assert.All(predictions, p => Assert.True(Math.Abs(double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) - double.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture)) < 0.2, p.Value));
    }

    [Theory]
    // `=` for `+=`: a + a gives a only one of its two grads.
    [InlineData("Check.Add<MyValue>()", "a", "a.grad: yours 1, expected 2", "a is used 2 times")]
    // a.Data for b.Data: a * b gives a its own data, 2, where b's −3 belongs.
    [InlineData("Check.Multiply<MyValue>()", "a", "a.grad: yours 2, expected −3", "passes a the other operand's data, b = −3")]
    // tanh without 1 − t²: the grad passes through unchanged.
    [InlineData("Check.Tanh<MyValue>()", "a", "a.grad: yours 1, expected 0.0706508", "(1 − d²) = 0.0706508")]
    // a / b with the wrong sign for b: +a/b² where −a/b² belongs.
    [InlineData("Check.Divide<MyValue>()", "b", "b.grad: yours 0.222222, expected −0.222222", "−a/b² = −0.222222")]
    public void A_typical_mistake_is_marked_on_the_value_it_makes_wrong(string check, string marked, string caption, string why)
    {
        var output = wrong.Run.Output(check);
        var card = Assert.Single(Exercises.Cards(output));
        Assert.Equal("Wrong", card.Outcome);
        Assert.Equal([marked], Exercises.RedBoxes(output));
        Assert.Contains(caption, card.Text);
        Assert.Contains(why, card.Text);
    }

    [Fact]
    public void A_mistake_in_one_exercise_leaves_the_others_passing()
    {
        foreach (var check in new[] { "Check.Power<MyValue>()", "Check.Exp<MyValue>()", "Check.TopologicalOrder<MyValue>()" })
            Assert.Equal("Passed", Assert.Single(Exercises.Cards(wrong.Run.Output(check))).Outcome);
    }
}
