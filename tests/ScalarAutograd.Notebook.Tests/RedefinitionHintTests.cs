using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The re-run hint, met the way a learner meets it: Run All, re-run the cell that declares the class, then run one
/// cell below. The compiler's error gets one more line that names the type, the cell that declared it again, what
/// this cell still uses from before (and from which cell), and what to re-run.
/// </summary>
[Collection("Notebooks")]
public class RedefinitionHintTests
{
    private const string Load = "ScalarAutograd.Notebook.NotebookFormatters.Register();";

    private const string ClassCell = """
        class Val
        {
            public Val(double data) => Data = data;
            public double Data { get; }
            public static Val operator *(Val a, Val b) => new(a.Data * b.Data);
        }
        """;

    private const string HelperCell = "Val Lecture() => new Val(2) * new Val(-3);";
    private const string ExtensionCell = "static double Doubled(this Val v) => 2 * v.Data;";
    private const string MixingCell = "(Lecture() * new Val(10)).Data";
    private const string ExtensionUseCell = "new Val(7).Doubled()";

    private static async Task<CompositeKernel> RunAllAsync(bool register = true)
    {
        var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers() };
        kernel.DefaultKernelName = "csharp";
        await Ok(kernel, $"#r \"{typeof(NotebookFormatters).Assembly.Location}\"\n{(register ? Load : "")}");
        foreach (var cell in new[] { ClassCell, HelperCell, ExtensionCell, MixingCell, ExtensionUseCell }) await Ok(kernel, cell);
        return kernel;
    }

    private static async Task Ok(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        Assert.True(!result.Events.OfType<CommandFailed>().Any(), string.Join("\n", result.Events.OfType<CommandFailed>().Select(f => f.Message)));
    }

    private static async Task<string> FailsAsync(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        return Assert.Single(result.Events.OfType<CommandFailed>()).Message;
    }

    [Fact]
    public async Task Rerunning_the_class_cell_then_a_cell_that_mixes_old_and_new_names_both_cells_and_the_helper()
    {
        using var kernel = await RunAllAsync();
        await Ok(kernel, ClassCell); // the learner re-runs the class cell (unchanged)
        var error = await FailsAsync(kernel, MixingCell);

        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.Contains("error CS0019")); // the compiler's own error is still there, first
        var hint = Assert.Single(lines, l => l.StartsWith(RedefinitionHint.Prefix, StringComparison.Ordinal));
        Assert.Equal(lines[^1], hint); // one extra line, last
        Assert.Contains("`Val` was declared again when the cell starting \"class Val\" ran", hint);
        Assert.Contains("still uses the old `Val` through `Lecture()` (from the cell starting \"Val Lecture() => new Val(2) * new Val(-3);\")", hint);
        Assert.Contains("Re-run the cells below that one, in order, down to this one", hint);
    }

    [Fact]
    public async Task An_extension_method_from_an_earlier_cell_is_named_as_what_still_uses_the_old_type()
    {
        using var kernel = await RunAllAsync();
        await Ok(kernel, ClassCell);
        var error = await FailsAsync(kernel, ExtensionUseCell);
        Assert.Contains("error CS1929", error);
        Assert.Contains("through `Doubled()` (from the cell starting \"static double Doubled(this Val v) => 2 * v.Data;\")", error);
    }

    [Fact]
    public async Task After_re_running_the_cells_below_as_the_hint_says_the_cell_runs_again()
    {
        using var kernel = await RunAllAsync();
        await Ok(kernel, ClassCell);
        Assert.Contains(RedefinitionHint.Prefix, await FailsAsync(kernel, MixingCell));
        await Ok(kernel, HelperCell);
        var result = await kernel.SendAsync(new SubmitCode(MixingCell));
        Assert.Equal(-60.0, Assert.Single(result.Events.OfType<ReturnValueProduced>()).Value);
    }

    [Fact]
    public async Task Errors_that_are_not_about_a_type_declared_again_stay_as_the_compiler_wrote_them()
    {
        using var kernel = await RunAllAsync();
        var typo = await FailsAsync(kernel, "Lecture().Dta"); // no re-declaration yet: a plain typo
        Assert.DoesNotContain(RedefinitionHint.Prefix, typo);
        await Ok(kernel, ClassCell);
        var unrelated = await FailsAsync(kernel, "int n = \"text\";"); // a type was declared again, but this error is not about it
        Assert.DoesNotContain(RedefinitionHint.Prefix, unrelated);
        Assert.Contains("CS0029", unrelated);
    }

    [Fact]
    public async Task Without_Register_there_is_no_hint()
    {
        using var kernel = await RunAllAsync(register: false);
        await Ok(kernel, ClassCell);
        var error = await FailsAsync(kernel, MixingCell);
        Assert.Contains("CS0019", error);
        Assert.DoesNotContain(RedefinitionHint.Prefix, error);
    }
}
