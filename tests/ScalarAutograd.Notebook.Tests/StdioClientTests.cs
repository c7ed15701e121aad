using System.Net;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// A VS Code user's first minutes, in the kernel VS Code's Polyglot extension starts (<c>dotnet interactive stdio</c>,
/// driven through its JSON protocol by <see cref="StdioKernel"/>): paste README.md's first cell into a notebook in
/// notebooks/, run it, look at the graph; change an input, run the cell again, see the gradients change.
/// </summary>
[Collection("Notebooks")]
public class StdioClientTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromMinutes(2), Cell = TimeSpan.FromMinutes(2);

    [Fact]
    public void The_readme_first_cell_draws_L_in_vs_codes_kernel_and_an_edited_input_changes_the_grads()
    {
        RealClients.RequireStdio();
        // The README's cell as written: its #r path is relative to the notebook's folder, which VS Code passes as --working-dir.
        var cell = Assert.Single(ReadmeCommandsTests.Fenced(File.ReadAllText(Path.Combine(Repo.Root, "README.md")), "csharp"));
        using var kernel = StdioKernel.Start(Path.Combine(Repo.Root, "notebooks"), Ready);

        var first = kernel.Submit(cell, Cell);
        Assert.True(first.Succeeded, first.ToString());
        var picture = Picture(first);
        Assert.Equal([-8.0], Drawn(picture, "L"));
        foreach (var (name, grad) in new[] { ("a", 6.0), ("b", -4.0), ("c", -2.0), ("f", 4.0), ("L", 1.0) })
            Assert.True(Drawn(picture, name, grad: true).SequenceEqual([grad]), $"{name}.grad drawn as {string.Join(", ", Drawn(picture, name, grad: true))}, not {grad}");

        // The learner changes a from 2 to 3 and runs the same cell again (the #r and Register() again too).
        const string input = "new Value(2.0, \"a\")";
        Assert.Contains(input, cell);
        var edited = kernel.Submit(cell.Replace(input, "new Value(3.0, \"a\")", StringComparison.Ordinal), Cell);
        Assert.True(edited.Succeeded, edited.ToString());
        picture = Picture(edited);
        Assert.Equal([3.0], Drawn(picture, "a"));
        Assert.Equal([-2.0], Drawn(picture, "L"));                    // (3·−3 + 10)·−2
        Assert.Equal([-6.0], Drawn(picture, "b", grad: true));        // ∂L/∂b = a·f, was −4
        Assert.Equal([1.0], Drawn(picture, "f", grad: true));         // ∂L/∂f = a·b + c, was 4
        Assert.Equal([6.0], Drawn(picture, "a", grad: true));         // ∂L/∂a = b·f, unchanged
    }

    // What VS Code shows: the text/html output (its preferred type for a Value), pictures decoded in place.
    private static string Picture(StdioCell cell)
    {
        var html = Assert.Single(cell.Outputs("text/html"));
        var svg = WebUtility.HtmlDecode(Pictures.Decode(html));
        Assert.Contains("<svg", svg);
        return svg;
    }

    private static double[] Drawn(string svg, string name, bool grad = false) => [.. Claims.Drawn(svg, name, grad)];
}
