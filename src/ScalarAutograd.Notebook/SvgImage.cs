namespace ScalarAutograd.Notebook;

/// <summary>
/// An SVG picture to show in a cell — a ScottPlot chart, say: <c>SvgImage.From(plot.GetSvgXml(600, 400))</c>.
/// It shows inline (like a graph), and the runner exports it with the graphs.
/// </summary>
/// <param name="Xml">The SVG document.</param>
public sealed record SvgImage(string Xml)
{
    /// <summary>Wraps SVG text for display.</summary>
    /// <exception cref="ArgumentException">The text holds no <c>&lt;svg</c> element.</exception>
    public static SvgImage From(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (!xml.Contains("<svg", StringComparison.Ordinal))
            throw new ArgumentException("Expected SVG text (with an <svg> element), e.g. from ScottPlot's plot.GetSvgXml(width, height).", nameof(xml));
        return new SvgImage(xml);
    }

    /// <summary>A short description, for where pictures cannot be shown.</summary>
    public override string ToString() => $"SVG image ({Xml.Length:N0} characters)";
}
