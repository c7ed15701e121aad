using Microsoft.DotNet.Interactive.Formatting;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Notebook.Tests;

[CollectionDefinition("Formatters", DisableParallelization = true)]
public class FormattersCollection;

/// <summary>
/// Each test starts with the default formatters plus ours, at the default options, and leaves the defaults behind.
/// Formatters are process-wide state: classes deriving from this belong in the "Formatters" collection.
/// </summary>
public abstract class RegisteredFormatters : IDisposable
{
    protected RegisteredFormatters()
    {
        Formatter.ResetToDefault();
        NotebookFormatters.Options = GraphOptions.Default;
        NotebookFormatters.Register();
    }

    public void Dispose()
    {
        NotebookFormatters.Options = GraphOptions.Default;
        Formatter.ResetToDefault();
        GC.SuppressFinalize(this);
    }

    // What a MIME type shows, with every picture's SVG decoded in place of its data URI. Graphviz's SVG escapes '-' as
    // &#45;: compare decoded text.
    protected static string Show(object value, string mimeType) =>
        System.Net.WebUtility.HtmlDecode(Pictures.Decode(value.ToDisplayString(mimeType)));
}

/// <summary>What each MIME type shows. Formatters are process-wide, so these tests never run in parallel.</summary>
[Collection("Formatters")]
public sealed class FormatterTests : RegisteredFormatters
{

    [Fact]
    public void Html_is_an_image_of_the_svg_as_wide_as_the_cell_up_to_natural_size_in_a_scrolling_box()
    {
        var raw = Lecture.BackpropagatedL().ToDisplayString(HtmlFormatter.MimeType);
        Assert.Matches("^<div id=\"scalar-autograd-picture-[0-9a-f]{32}\" class=\"scalar-autograd-picture\" style=\"overflow-x:auto;max-width:0;min-width:100%\"><img class=\"jp-mod-unconfined\" style=\"width:100%;max-width:[0-9]+px;min-width:[0-9]+px;height:auto\"", raw);
        Assert.DoesNotContain("<svg", raw); // inline SVG is what sanitizers delete
        Assert.Contains("alt=\"Computation graph of Value(label=L, data=-8.0, grad=1.0)\"", raw);
        var html = Show(Lecture.BackpropagatedL(), HtmlFormatter.MimeType);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("<!DOCTYPE", html);
        Assert.Contains("data -8.0000", html);
        Assert.Contains("grad 6.0000", html);
        Assert.DoesNotContain("<script", raw); // L's graph fits a cell at readable text (top to bottom): nothing to toggle
        var small = new Value(1.0, "x").ToDisplayString(HtmlFormatter.MimeType);
        Assert.EndsWith("\"></div>", small); // a small graph: just the picture, no script
        Assert.DoesNotContain("<script", small);
    }

    [Fact]
    public void Svg_mime_type_is_a_whole_svg_document()
    {
        var svg = Show(Lecture.BackpropagatedL(), "image/svg+xml");
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("<svg", svg);
        Assert.Contains("data -8.0000", svg);
    }

    [Fact]
    public void Plain_text_is_micrograds_repr()
    {
        Assert.Equal("Value(label=L, data=-8.0, grad=1.0)", Lecture.BackpropagatedL().ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Preferred_mime_types_put_html_first_so_VS_Code_shows_the_graph()
    {
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(Value)));
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(MLP)));
    }

    [Fact]
    public void Options_change_every_graph_and_Draw_changes_one()
    {
        NotebookFormatters.Options = NotebookFormatters.Options with { NumberFormat = "F1" };
        Assert.Contains("data -8.0<", Show(Lecture.BackpropagatedL(), HtmlFormatter.MimeType));
        var oneOff = Show(Lecture.BackpropagatedL().Draw(new GraphOptions { ShowGrad = false }), HtmlFormatter.MimeType);
        Assert.DoesNotMatch(@"grad -?\d", oneOff);
        Assert.Contains("data -8.0000", oneOff);
    }

    [Fact]
    public void A_graph_over_the_limit_says_how_much_is_shown()
    {
        var v = new Value(1.0);
        for (var i = 0; i < 100; i++) v = v.Tanh();
        var html = Show(v.Draw(new GraphOptions { MaxValues = 10 }), HtmlFormatter.MimeType);
        Assert.Contains("Showing the 10 values nearest the output, of 101.", html);
        Assert.Contains("… 91 more values", html);
    }

    [Fact]
    public void A_failed_render_shows_the_text_and_a_one_line_reason_instead_of_failing()
    {
        var html = Show(Lecture.BackpropagatedL().Draw(new GraphOptions { NumberFormat = "X" }), HtmlFormatter.MimeType);
        Assert.Contains("<pre>Value(label=L, data=-8.0, grad=1.0)</pre>", html);
        Assert.Contains("Graph not drawn: NumberFormat", html);
        var svg = Show(Lecture.BackpropagatedL().Draw(new GraphOptions { NumberFormat = "X" }), "image/svg+xml");
        Assert.Contains("graph not drawn", svg);
    }

    [Fact]
    public void Missing_Graphviz_shows_the_text_and_the_install_command()
    {
        using (Graphviz.SimulateMissingForTests())
        {
            var html = Show(Lecture.BackpropagatedL(), HtmlFormatter.MimeType);
            Assert.Contains("<pre>Value(label=L, data=-8.0, grad=1.0)</pre>", html);
            Assert.Contains("Graph not drawn: Graphviz is missing", html);
            Assert.Contains("apt-get install -y graphviz", html);
        }
        Assert.Contains("data:image/svg+xml;base64,", Lecture.BackpropagatedL().ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void Models_show_a_summary_never_a_graph()
    {
        var model = new MLP(2, [16, 16, 1], seed: 1);
        var html = Show(model, HtmlFormatter.MimeType);
        Assert.Contains("337 parameters", html);
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("MLP(2 → 16 → 16 → 1), 337 parameters", model.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.StartsWith("Layer: 16 × Relu neurons of 2 inputs", model.Layers[0].ToDisplayString(PlainTextFormatter.MimeType));
        Assert.StartsWith("ReLUNeuron(2) with 3 parameters", model.Layers[0].Neurons[0].ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Lists_of_values_show_a_table_not_a_graph_each()
    {
        var model = new MLP(2, [3, 1], seed: 1);
        var html = Show(model.Parameters(), HtmlFormatter.MimeType);
        Assert.StartsWith("<table><thead><tr><th>#</th><th>label</th><th>data</th><th>grad</th>", html);
        Assert.DoesNotContain("<svg", html);
        Assert.Equal(13, html.Split("<tr>").Length - 2);
    }

    [Fact]
    public void A_backward_trace_shows_as_the_player_and_as_captions_in_text()
    {
        var trace = Lecture.BackpropagatedL().BackwardSteps();
        var html = trace.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("class=\"scalar-autograd-player\"", html);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "<img ")); // step 0, then L, d and e
        var text = trace.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.StartsWith("Step 0 of 3: backward starts at L", text);
        Assert.Contains("d.grad += f·L.grad = −2 × 1 = −2", text);
        Assert.EndsWith("Leaves pass nothing on, so backward ends here.", text);
    }

    [Fact]
    public void A_gradient_check_shows_as_a_table_with_pass_and_fail()
    {
        var passed = GradCheck.Run(x => x[0] * x[1], [2.0, 3.0]);
        var html = passed.ToDisplayString(HtmlFormatter.MimeType);
        Assert.StartsWith("<table><thead><tr><th>input</th><th>value</th><th>analytic</th><th>numeric</th>", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, ">pass<"));
        Assert.Contains("gradient check passed", html);
        Assert.EndsWith("gradient check passed", passed.ToDisplayString(PlainTextFormatter.MimeType));
    }
}
