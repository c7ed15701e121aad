using System.Xml;
using System.Xml.Linq;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>Reads Graphviz's SVG as XML (ignoring its DOCTYPE) and picks out node and edge groups.</summary>
internal static class Svg
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg)
    {
        using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static List<XElement> Groups(XDocument doc, string cls) =>
        doc.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == cls).ToList();

    public static string Text(XElement group) => string.Join("\n", group.Descendants(Ns + "text").Select(t => t.Value));

    public static string AllText(XDocument doc) => string.Join("\n", doc.Descendants(Ns + "text").Select(t => t.Value));

    /// <summary>The graph's own label (the caption): its lines, the text elements outside every node and edge.</summary>
    public static List<string> Caption(XDocument doc) =>
        Groups(doc, "graph").Single().Elements(Ns + "text").Select(t => t.Value).ToList();

    /// <summary>The picture's width in points, from the root element's width attribute ("684pt").</summary>
    public static double Width(XDocument doc) =>
        double.Parse(((string)doc.Root!.Attribute("width")!).Replace("pt", ""), System.Globalization.CultureInfo.InvariantCulture);
}
