using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// The render budget holds on every path that draws (issue 22, items 4–6): the backprop player and its saved
/// animation, a Σ of one value used many times, labels of any length. Times are measured in the benchmark
/// (BoundedRenderBenchmark); these tests assert what the person sees, with a deadline a hang misses by minutes.
/// </summary>
public sealed class EveryPathBudgetTests : IDisposable
{
    private const string Note = "Simplified: the full layout would take over";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(300); // the whole suite runs beside these on 2 cores
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-budget-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static T Within<T>(Func<T> draw)
    {
        var task = Task.Run(draw);
        Assert.True(task.Wait(Generous), $"it did not return within {Generous.TotalSeconds} s");
        return task.Result;
    }

    [Fact]
    public void The_player_of_a_72_value_reuse_chain_draws_every_frame_simplified_alike()
    {
        var L = Shapes.ReusedLeafChain(71); // 72 values, under the player's 150: 10 s per frame before
        var html = Within(() => L.BackwardSteps().ToHtmlPlayer());
        var pictures = Regex.Matches(html, "base64,([A-Za-z0-9+/=]+)").Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToList();
        Assert.Equal(72, pictures.Count); // the seed and one frame per operation
        Assert.All(pictures, svg => Assert.Contains(Note, svg));
        Assert.Single(pictures.Select(svg => Regex.Match(svg, "viewBox=\"[^\"]+\"").Value).Distinct()); // one layout: nothing moves
        var above = html[..html.IndexOf("<img", StringComparison.Ordinal)]; // the frames are 26,000 px wide: say why once, above them
        Assert.Contains(Note, System.Net.WebUtility.HtmlDecode(above));
    }

    [Fact]
    public void Saving_the_steps_of_a_72_value_reuse_chain_as_an_animation_is_simplified_with_a_note()
    {
        var L = Shapes.ReusedLeafChain(71);
        var path = Path.Combine(_dir, "steps.svg");
        Within(() => { L.BackwardSteps().Save(path); return 0; }); // 11.6 s before
        var doc = Svg.Parse(File.ReadAllText(path));
        Assert.Contains(Note, Svg.AllText(doc));
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void A_sum_of_one_value_repeated_is_one_edge_marked_with_the_count(int n)
    {
        var x = new Value(0.5, "x");
        var total = Value.Sum(Enumerable.Repeat(x, n));
        var doc = Svg.Parse(Within(() => total.ToSvg()));
        Assert.Equal(2, Svg.Groups(doc, "edge").Count); // x → Σ and Σ → the sum: not n edges, not only a note
        Assert.Contains($"×{n:N0}", Svg.AllText(doc));
        Assert.DoesNotContain(Note, Svg.AllText(doc));
    }

    [Fact]
    public void A_value_used_twice_keeps_its_two_edges_as_in_the_lecture()
    {
        var a = new Value(3.0, "a");
        var b = a + a;
        Assert.Equal(3, Svg.Groups(Svg.Parse(b.ToSvg()), "edge").Count);
    }

    [Fact]
    public void Labels_of_thousands_of_lines_are_cut_in_the_box_and_whole_on_hover()
    {
        var label = string.Join("\n", Enumerable.Range(1, 3_000).Select(i => $"line {i} of a very long label, long enough to be cut"));
        var values = Enumerable.Range(0, 200).Select(i => new Value(i, $"{i}: {label}")).ToList();
        var total = Value.Sum(values); // 201 values, each label 150 kB: a 78 MB SVG and 7 s before
        var svg = Within(() => total.ToSvg());
        Assert.True(svg.Length < 2_000_000, $"{svg.Length:N0} characters of SVG");
        var doc = Svg.Parse(svg);
        var box = Svg.Groups(doc, "node").Single(n => Svg.Text(n).Contains("data 7.0000"));
        Assert.Contains("7: line 1 of a very long label, long en…", Svg.Text(box)); // 40 characters a line …
        Assert.Contains("line 3 of a very long label, long eno …", Svg.Text(box)); // … 3 lines, and "…" for the rest
        Assert.DoesNotContain("line 4 ", Svg.Text(box));
        Assert.Contains("line 4 of a very long label", box.ToString()); // the tooltip: the text on hover
    }
}
