using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// What leaves the notebook: the live page and the backprop player saved as standalone files, the animated SVG of
/// the steps, and how the live output degrades (scripts off, graphs over the limit). Checked in headless Chromium.
/// </summary>
public partial class LiveExportTests
{
    [Fact]
    public void Saved_live_page_works_from_file_and_loads_nothing_from_elsewhere()
    {
        var file = Path.Combine(LiveNode.TempFolder(), "graph.html");
        Lecture.Graph().L.Live().Save(file);
        AssertNoExternalUrl(File.ReadAllText(file));
        var page = Open(file, javascript: true);
        Assert.Empty(page["errors"]!.AsArray());
        AssertOnlyLocalRequests(page);
        var view = page["staticView"]!;
        Assert.True(view["inlineSvg"]!.GetValue<bool>());
        Assert.Equal(8, view["inputs"]!.GetValue<int>()); // a, b, c, f: a slider and a number box each
        Assert.False(view["noteShown"]!.GetValue<bool>());
    }

    [Fact]
    public void With_scripts_off_the_static_graph_shows_and_says_why()
    {
        var dir = LiveNode.TempFolder();
        var file = Path.Combine(dir, "graph.html");
        LiveGraphs.TanhNeuron().Live().Save(file);
        var page = Open(file, javascript: false, screenshot: Path.Combine(dir, "scripts-off.png"));
        var view = page["staticView"]!;
        Assert.True(view["imageShown"]!.GetValue<bool>(), "the <img> with the drawing did not render");
        Assert.True(view["noteShown"]!.GetValue<bool>());
        Assert.Contains("this viewer runs no scripts", view["text"]!.GetValue<string>());
        Assert.Equal(0, view["inputs"]!.GetValue<int>());
        Assert.False(view["inlineSvg"]!.GetValue<bool>());
    }

    [Fact]
    public void A_graph_over_the_limit_shows_statically_and_says_so()
    {
        var big = LiveGraphs.Mlp(1000);
        var live = big.Live();
        Assert.False(live.IsLive);
        Assert.DoesNotContain("<script", live.Html);
        var file = Path.Combine(LiveNode.TempFolder(), "big.html");
        live.Save(file);
        var view = Open(file, javascript: true)["staticView"]!;
        Assert.Contains("the live view stops at 800", view["text"]!.GetValue<string>());
        Assert.True(view["imageShown"]!.GetValue<bool>());
        Assert.Equal(0, view["inputs"]!.GetValue<int>());
    }

    [Fact]
    public void Saved_player_page_works_from_file_and_loads_nothing_from_elsewhere()
    {
        var file = Path.Combine(LiveNode.TempFolder(), "player.html");
        Lecture.Graph().L.BackwardSteps().Save(file);
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", html);
        AssertNoExternalUrl(html);
        var page = Open(file, javascript: true);
        Assert.Empty(page["errors"]!.AsArray());
        AssertOnlyLocalRequests(page);
    }

    [Fact]
    public void Animated_svg_shows_each_step_as_the_trace_recorded_it()
    {
        var o = LiveGraphs.TanhNeuron();
        var trace = o.BackwardSteps();
        var dir = LiveNode.TempFolder();
        var file = Path.Combine(dir, "steps.svg");
        const double step = 1.5; // the default
        trace.Save(file);
        AssertNoExternalUrl(File.ReadAllText(file));
        var n = trace.Frames.Count;
        var result = LiveNode.Run("live-animation.js", new
        {
            file,
            times = Enumerable.Range(0, n).Select(k => (k + 0.5) * step).Append(n * step + 1), // each step, then the hold
            screenshot = Path.Combine(dir, "steps.png"),
        });
        Assert.Empty(result["errors"]!.AsArray());
        AssertOnlyLocalRequests(result);
        var ids = NearestFirst.Walk(o, GraphOptions.DefaultMaxValues, DotWriter.CountLimit).Values; // the drawing's ids: v0 is the output
        for (var k = 0; k <= n; k++)
        {
            var frame = trace.Frames[Math.Min(k, n - 1)];
            var shown = result["frames"]![k]!;
            Assert.Equal([trace.Caption(Math.Min(k, n - 1))], shown["captions"]!.AsArray().Select(c => c!.GetValue<string>()));
            for (var i = 0; i < ids.Count; i++)
            {
                var grad = frame.Grads[trace.IndexOf(ids[i])];
                var expected = "grad " + (grad is { } g ? Shown.Number(g, "F4") : "?");
                var box = shown["boxes"]![$"v{i}"]!;
                Assert.Equal([expected], box["grads"]!.AsArray().Select(t => t!.GetValue<string>()));
                var ran = ReferenceEquals(frame.Node, ids[i]);
                Assert.Equal(ran, box["fill"]!.GetValue<string>() == "rgb(255, 216, 168)"); // DotLook.RanFill, #ffd8a8
            }
        }
    }

    private static JsonNode Open(string file, bool javascript, string? screenshot = null) =>
        LiveNode.Run("live-drive.js", new { pages = new[] { new { file, javascript, screenshot, steps = Array.Empty<object>() } } })["pages"]![0]!;

    private static void AssertOnlyLocalRequests(JsonNode page) =>
        Assert.All(page["requests"]!.AsArray().Select(r => r!.GetValue<string>()),
            url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));

    // Any URL with a scheme that fetches, apart from the SVG and XLink namespace names (identifiers, never loaded).
    private static void AssertNoExternalUrl(string text)
    {
        var stripped = text.Replace("http://www.w3.org/2000/svg", "").Replace("http://www.w3.org/1999/xlink", "");
        Assert.DoesNotMatch(ExternalUrl(), stripped);
    }

    [GeneratedRegex("(?i)\\b(https?|ftp|wss?):|//[a-z0-9-]+\\.[a-z]{2,}/|@import|url\\(")]
    private static partial Regex ExternalUrl();
}
