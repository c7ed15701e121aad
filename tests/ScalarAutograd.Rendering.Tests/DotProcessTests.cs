using System.Diagnostics;
using System.Text;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>The dot program as a subprocess: its own messages, PATH search, and the deadline.</summary>
public sealed class DotProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-dot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DotProcess Dot() => DotProcess.TryFind(Environment.GetEnvironmentVariable("PATH")) ?? throw new InvalidOperationException("no dot on PATH");

    [Fact]
    public void When_dot_stops_reading_early_its_own_message_comes_through_not_a_broken_pipe()
    {
        // A syntax error on the first line, then far more text than a pipe holds: dot exits before reading it all.
        var dot = "digraph { a -> ; }\n" + new StringBuilder().Insert(0, "// filler line that dot never reads\n", 200_000);
        var ex = Assert.Throws<GraphvizException>(() => Dot().Render(dot, "svg"));
        Assert.Contains("syntax error", ex.Message);
        Assert.DoesNotContain("pipe", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_dot_we_may_not_execute_is_skipped_and_the_search_goes_on()
    {
        var fake = Path.Combine(_dir, "dot");
        File.WriteAllText(fake, "#!/bin/sh\necho fake\n"); // no execute permission
        var real = Dot();
        var found = DotProcess.TryFind(_dir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        Assert.NotNull(found);
        Assert.Equal(real.Name, found.Name);
        Assert.Contains("<svg", Encoding.UTF8.GetString(found.Render("digraph { a -> b }", "svg")));
    }

    [Fact]
    public void Past_its_deadline_dot_is_killed_and_nothing_is_returned()
    {
        var slow = Shapes.ReusedLeafChain(300).ToDot(); // minutes of layout
        var before = DotChildren();
        var clock = Stopwatch.StartNew();
        Assert.Null(Dot().Render(slow, "svg", TimeSpan.FromSeconds(1)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the render did not return after its deadline");
        // Other tests in this process may have a dot of their own running for a moment (each with a deadline of a
        // few seconds), and a killed process takes a moment to be reaped: give both time. The killed layout itself
        // would run for minutes.
        var settled = Stopwatch.StartNew();
        while (DotChildren() > before && settled.Elapsed < TimeSpan.FromSeconds(15)) Thread.Sleep(100);
        Assert.True(DotChildren() <= before, "the killed dot process is still running");
    }

    private static int DotChildren()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.GetProcessesByName("dot").Count(p =>
        {
            try
            {
                return File.ReadAllText($"/proc/{p.Id}/stat").Split(' ')[3] == me;
            }
            catch (IOException)
            {
                return false;
            }
        });
    }
}
