using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ScalarAutograd.Rendering;

/// <summary>
/// A recorded backward pass as one animated SVG (SMIL) for slides: the graph laid out once, and per step each box's
/// grad text, fill and the caption switched at its time. Each frame's look (fills, <c>grad ?</c>) comes from the
/// player's own DOT for that frame, so the two never disagree. Viewers without SMIL show the last frame.
/// </summary>
internal static partial class BackwardAnimation
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double CaptionHeight = 28;

    public static string Write(BackwardTrace trace, GraphOptions options, double secondsPerStep)
    {
        var n = trace.Frames.Count;
        var last = BackwardTraceExtensions.FrameSource(trace, trace.Frames[^1]);
        // One direction for every frame, chosen once: each frame's DOT would otherwise lay the graph out to choose it.
        options = LayoutChoice.Resolve(options, o => last(o, false, null));
        // One layout, the last frame's, within the render budget; when it had to be simplified, every frame's look is
        // read from the same simplified drawing (grey copies included).
        var drawing = GraphRender.Render(last, options, "svg");
        var look = drawing.SimplifiedMaxValues is { } max ? options with { MaxValues = max } : options;
        var dots = trace.Frames.Select(f => BackwardTraceExtensions.FrameSource(trace, f)(look, drawing.SimplifiedMaxValues is not null, null)).ToList();
        var frames = dots.Select(Parse).ToList();
        var document = XDocument.Parse(Graphviz.InlineSvg(System.Text.Encoding.UTF8.GetString(drawing.Bytes)));
        var root = document.Root!;
        var total = n * secondsPerStep + 2; // the finished picture stays 2 s longer
        var timing = new Timing(n, secondsPerStep, total);

        foreach (var node in root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").ToList())
        {
            var id = node.Element(Svg + "title")!.Value;
            var isOp = id.EndsWith("op", StringComparison.Ordinal);
            var key = isOp ? id[..^2] : id;
            if (!frames[^1].ContainsKey(key)) continue; // the legend, or "… more values"
            var fills = frames.Select(f => isOp ? f[key].OpFill : f[key].BoxFill).ToList();
            Animate(isOp ? node.Element(Svg + "ellipse")! : Background(node), "fill", fills, timing);
            if (!isOp)
            {
                var borders = frames.Select(f => f[key].Border).ToList();
                foreach (var cell in node.Elements(Svg + "polygon").Where(p => (string?)p.Attribute("stroke") != "transparent"))
                    Animate(cell, "stroke", borders, timing);
            }
            if (!isOp && options.ShowGrad) Switch(node.Elements(Svg + "text").Last(), frames.Select(f => f[key].Grad).ToList(), timing);
        }
        AddCaptions(root, Enumerable.Range(0, n).Select(trace.Caption).ToList(), timing);
        return document.ToString(SaveOptions.DisableFormatting);
    }

    // What one frame's DOT says about each value: its box fill and border, its operation's fill, its grad text.
    private sealed record Look(string BoxFill, string Border, string OpFill, string Grad);

    private static Dictionary<string, Look> Parse(string dot)
    {
        var ops = OpLine().Matches(dot).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return BoxLine().Matches(dot).ToDictionary(
            m => m.Groups[1].Value,
            m => new Look(
                Attribute(m.Groups[2].Value, "bgcolor") ?? "white", // SMIL cannot animate fill to or from "none"
                Attribute(m.Groups[2].Value, "color") ?? "black",
                ops.GetValueOrDefault(m.Groups[1].Value, "#f2f2f2"),
                "grad " + System.Net.WebUtility.HtmlDecode(m.Groups[3].Value)));
    }

    private static string? Attribute(string attributes, string name) =>
        Regex.Match(attributes, "(?<![a-z])" + name + "=\"([^\"]+)\"") is { Success: true } m ? m.Groups[1].Value : null;

    // The polygon behind a box's cells; boxes drawn without a fill get a white one, for the frames to colour.
    private static XElement Background(XElement node)
    {
        var first = node.Element(Svg + "polygon")!;
        if ((string?)first.Attribute("stroke") == "transparent") return first;
        var points = node.Elements(Svg + "polygon").SelectMany(p => ((string)p.Attribute("points")!).Split(' '))
            .Select(p => p.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var (x0, x1) = (points.Min(p => p[0]), points.Max(p => p[0]));
        var (y0, y1) = (points.Min(p => p[1]), points.Max(p => p[1]));
        var background = new XElement(Svg + "polygon", new XAttribute("fill", "white"), new XAttribute("stroke", "transparent"),
            new XAttribute("points", string.Create(CultureInfo.InvariantCulture, $"{x0},{y0} {x0},{y1} {x1},{y1} {x1},{y0} {x0},{y0}")));
        first.AddBeforeSelf(background);
        return background;
    }

    // A discrete animation of one attribute over the frames; its static value is the last frame's.
    private static void Animate(XElement element, string attribute, IReadOnlyList<string> perFrame, Timing timing)
    {
        element.SetAttributeValue(attribute, perFrame[^1]);
        var runs = Runs(perFrame);
        if (runs.Count == 1) return;
        element.Add(timing.Discrete(attribute, runs.Select(r => (perFrame[r.Start], r.Start)).ToList()));
    }

    // Text can't be animated: one copy per run of equal text, each visible during its run.
    private static void Switch(XElement text, IReadOnlyList<string> perFrame, Timing timing)
    {
        foreach (var (start, end) in Runs(perFrame))
        {
            var copy = new XElement(text) { Value = perFrame[start] };
            if (perFrame[start].EndsWith('?')) copy.SetAttributeValue("fill", "#999999");
            else copy.SetAttributeValue("fill", null);
            copy.SetAttributeValue("visibility", end == perFrame.Count ? "visible" : "hidden");
            var steps = new List<(string, int)> { ("hidden", 0), ("visible", start) };
            if (end < perFrame.Count) steps.Add(("hidden", end));
            copy.Add(timing.Discrete("visibility", start == 0 ? steps.Skip(1).ToList() : steps));
            text.AddBeforeSelf(copy);
        }
        text.Remove();
    }

    private static void AddCaptions(XElement root, IReadOnlyList<string> captions, Timing timing)
    {
        var box = ((string)root.Attribute("viewBox")!).Split(' ').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var (width, height) = (box[2], box[3]);
        root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"{box[0]:0.##} {box[1]:0.##} {width:0.##} {height + CaptionHeight:0.##}"));
        root.SetAttributeValue("height", string.Create(CultureInfo.InvariantCulture, $"{height + CaptionHeight:0.##}pt"));
        root.Add(new XElement(Svg + "rect", new XAttribute("x", 0), new XAttribute("y", height), new XAttribute("width", width),
            new XAttribute("height", CaptionHeight), new XAttribute("fill", "white")));
        var caption = new XElement(Svg + "text", new XAttribute("class", "caption"), new XAttribute("x", 8),
            new XAttribute("y", string.Create(CultureInfo.InvariantCulture, $"{height + 18:0.##}")),
            new XAttribute("font-family", "Helvetica,sans-Serif"), new XAttribute("font-size", "13.00"));
        root.Add(caption);
        Switch(caption, captions, timing);
    }

    // Runs of equal consecutive entries: [start, end).
    private static List<(int Start, int End)> Runs(IReadOnlyList<string> perFrame)
    {
        var runs = new List<(int, int)>();
        for (int start = 0, end; start < perFrame.Count; start = end)
        {
            for (end = start + 1; end < perFrame.Count && perFrame[end] == perFrame[start]; end++) { }
            runs.Add((start, end));
        }
        return runs;
    }

    // Frame k shows from k·step seconds; the whole loop lasts total seconds and repeats.
    private sealed record Timing(int Frames, double Step, double Total)
    {
        public XElement Discrete(string attribute, IReadOnlyList<(string Value, int Frame)> changes) =>
            new(Svg + "animate",
                new XAttribute("attributeName", attribute), new XAttribute("calcMode", "discrete"),
                new XAttribute("dur", string.Create(CultureInfo.InvariantCulture, $"{Total:0.###}s")),
                new XAttribute("repeatCount", "indefinite"),
                new XAttribute("values", string.Join(";", changes.Select(c => c.Value))),
                new XAttribute("keyTimes", string.Join(";", changes.Select((c, i) =>
                    i == 0 ? "0" : (c.Frame * Step / Total).ToString("0.#####", CultureInfo.InvariantCulture)))));
    }

    [GeneratedRegex("  (v[0-9]+(?:u[0-9]+)?) \\[shape=plain label=<<table ([^>]*)>.*?grad ([^<]*)<")]
    private static partial Regex BoxLine();

    [GeneratedRegex("  (v[0-9]+)op \\[shape=ellipse style=filled fillcolor=\"([^\"]+)\"")]
    private static partial Regex OpLine();
}
