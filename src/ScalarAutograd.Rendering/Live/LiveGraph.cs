using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>
/// A computation graph drawn once, with a slider and a number box per input, that recomputes every data and grad in
/// the page as you drag: what <see cref="LiveExtensions.Live"/> returns. A notebook cell shows it (<see cref="Html"/>);
/// <see cref="Save"/> writes it as a standalone page. Without scripts (an untrusted notebook, a viewer that strips
/// them) the same output shows the static graph and says why it does not move.
/// </summary>
public sealed partial class LiveGraph
{
    private readonly Value _snapshot;
    private readonly List<Value> _order;
    private readonly int[] _inputs;
    private readonly GraphOptions _options;
    private string? _html;

    internal LiveGraph(Value output, LiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var graph = options.Graph ?? GraphOptions.Default;
        if (!SupportedFormat().IsMatch(graph.NumberFormat))
            throw new ArgumentException(
                $"The live graph formats numbers in the page, for the standard formats F, N, E, G and R (e.g. \"F4\", \"G6\"); '{graph.NumberFormat}' is not one of them.",
                nameof(options));
        // Numbers and marks that depend on the inputs would go stale on the picture: the live view draws without them.
        _options = graph with { EdgeLabels = EdgeLabels.None, HighlightLargestContribution = false, Changed = null };

        var original = output.TopologicalOrder();
        var position = new Dictionary<Value, int>(original.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < original.Count; i++) position[original[i]] = i;
        _inputs = options.Inputs is null
            ? [.. Enumerable.Range(0, original.Count).Where(i => original[i].IsLeaf)]
            : [.. options.Inputs.Select(v => InputPosition(v, position))];

        // A copy, so the view never changes the user's graph: data up to date and grads from one Backward(), as the page computes them.
        _snapshot = output.Snapshot();
        _snapshot.Recompute();
        _snapshot.ZeroGrad();
        _snapshot.Backward();
        _order = _snapshot.TopologicalOrder(); // same shape as the original: positions match
    }

    /// <summary>How many values the graph has.</summary>
    public int ValueCount => _order.Count;

    /// <summary>The inputs that get a slider, as they were when the view was made (copies: the graph's own stay untouched).</summary>
    public IReadOnlyList<Value> Inputs => [.. _inputs.Select(i => _order[i])];

    /// <summary>Whether the page recomputes as you drag: false for graphs over <see cref="GraphOptions.MaxValues"/>, which show statically with a note.</summary>
    public bool IsLive => _order.Count <= _options.MaxValues;

    /// <summary>The output for a notebook cell: one HTML fragment with the drawing, its data and the script.</summary>
    public string Html => _html ??= Build();

    /// <summary>A whole HTML page: no external URL, works from <c>file://</c>.</summary>
    public string ToStandaloneHtml() => LivePage.Standalone(Html, Title);

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> (an <c>.html</c> file), creating missing folders.</summary>
    /// <exception cref="ArgumentException">The extension is not .html or .htm.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.GetExtension(path).ToLowerInvariant() is not (".html" or ".htm"))
            throw new ArgumentException($"Cannot save a live graph as '{Path.GetFileName(path)}': it is a page, so the extension must be .html. " +
                                        "For a picture, save the value itself: L.Save(\"graph.svg\").", nameof(path));
        LivePage.Write(path, ToStandaloneHtml());
    }

    /// <summary>One line for where HTML cannot be shown.</summary>
    public override string ToString() =>
        $"Live graph of {Title}: {_order.Count:N0} values, {_inputs.Length:N0} inputs ({_order[^1]})";

    private string Title => _snapshot.Label ?? _snapshot.Op switch { "" => "a leaf", var op => $"a {op} result" };

    private string Build()
    {
        var svg = Compact(Graphviz.InlineSvg(_snapshot.ToSvg(_options)));
        if (!IsLive)
        {
            var note = $"This graph has {_order.Count:N0} values; the live view stops at {_options.MaxValues:N0} so the page stays " +
                       "responsive. Showing the static drawing (the values nearest the output). Try a smaller graph (one neuron, " +
                       "one sample) or raise MaxValues in LiveOptions.Graph.";
            return LivePage.Fragment(Id(svg), svg, model: null, note);
        }
        var drawn = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        var nearest = NearestFirst.Walk(_snapshot, _options.MaxValues, DotWriter.CountLimit).Values; // DotWriter's ids: v0 is the output
        for (var i = 0; i < nearest.Count; i++) drawn[nearest[i]] = "v" + i.ToString(CultureInfo.InvariantCulture);
        var model = LiveModel.Json(_order, _inputs, drawn, _options);
        return LivePage.Fragment(Id(svg + model), svg, model, note: null);
    }

    // From the content, not random: re-running a cell gives the same output. (Two equal outputs on one page are
    // fine: each script finds its own output as its parent element.)
    private static string Id(string content) =>
        "scalar-autograd-live-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];

    // Graphviz's comments and edge titles ("v6->v3op") are ~10% of a big graph's SVG and nothing reads them; node
    // titles stay (the script finds each box by its title).
    private static string Compact(string svg) => SvgNoise().Replace(svg, "");

    [GeneratedRegex("<!--.*?-->\\n?|<title>[^<]*&#45;&gt;[^<]*</title>\\n?", RegexOptions.Singleline)]
    private static partial Regex SvgNoise();

    private static int InputPosition(Value input, Dictionary<Value, int> position)
    {
        ArgumentNullException.ThrowIfNull(input, "options");
        if (!position.TryGetValue(input, out var i))
            throw new ArgumentException($"The input {input} is not part of this graph: pass values the output was computed from.", "options");
        if (!input.IsLeaf)
            throw new ArgumentException($"The input {input} is computed by '{input.Op}', so it cannot be dragged: pass leaves (inputs, parameters).", "options");
        return i;
    }

    [GeneratedRegex("^[FfNnEeGgRr][0-9]{0,2}$")]
    private static partial Regex SupportedFormat();
}
