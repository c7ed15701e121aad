using System.Text;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>Every format on the checked list renders, in process and through dot; anything else is refused clearly.</summary>
public class FormatTests
{
    private static readonly string Dot = Lecture.BackpropagatedL().ToDot();

    public static TheoryData<string, string> Magic => new()
    {
        { "svg", "<?xml" },
        { "png", "\u0089PNG" },
        { "pdf", "%PDF" },
        { "webp", "RIFF" }, // killed the process before: libgvplugin_webp needs libgvc's symbols (RTLD_GLOBAL)
        { "jpg", "\u00ff\u00d8\u00ff" },
        { "gif", "GIF8" },
        { "ps", "%!PS" },
        { "eps", "%!PS-Adobe" },
        { "json", "{" },
        { "xdot", "digraph" },
        { "plain", "graph " },
    };

    [Theory]
    [MemberData(nameof(Magic))]
    public void Each_listed_format_renders_in_process_with_its_magic_bytes(string format, string magic)
    {
        Assert.Contains(format, Graphviz.Formats);
        Assert.Equal(Encoding.Latin1.GetBytes(magic), Graphviz.Render(Dot, format).Take(magic.Length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Magic))]
    public void Each_listed_format_renders_through_the_dot_program_too(string format, string magic)
    {
        var backend = Graphviz.Find(["libgvc-missing.so.99"], ["libcgraph-missing.so.99"], Environment.GetEnvironmentVariable("PATH"));
        Assert.Equal(Encoding.Latin1.GetBytes(magic), backend.Render(Dot, format).Take(magic.Length).ToArray());
    }

    [Fact]
    public void The_list_is_exactly_the_tested_formats() =>
        Assert.Equal(Magic.Select(row => (string)row[0]).Order(), Graphviz.Formats.Order());

    [Theory]
    [InlineData("x11")]  // segfaulted the process before
    [InlineData("xlib")]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData("SVG")]
    public void Any_other_format_is_refused_with_the_list_and_no_parameter_suffix(string format)
    {
        var ex = Assert.Throws<ArgumentException>(() => Graphviz.Render(Dot, format));
        Assert.Contains($"Graphviz format '{format}' is not supported here", ex.Message);
        Assert.Contains("svg, png, pdf", ex.Message);
        Assert.DoesNotContain("(Parameter", ex.Message);
    }

    [Fact]
    public void A_window_format_says_why_it_is_refused() =>
        Assert.Contains("opens a window", Assert.Throws<ArgumentException>(() => Graphviz.Render(Dot, "x11")).Message);
}
