using System.Globalization;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>A diverging palette for grads: blue for negative, white for 0, red for positive.</summary>
internal static class GradientPalette
{
    private static readonly (int R, int G, int B) Negative = (0x21, 0x66, 0xac);
    private static readonly (int R, int G, int B) Zero = (0xff, 0xff, 0xff);
    private static readonly (int R, int G, int B) Positive = (0xb2, 0x18, 0x2b);

    /// <summary>The colour of <paramref name="grad"/> on a scale whose ends are ±<paramref name="max"/>.</summary>
    public static string Color(double grad, double max)
    {
        if (!double.IsFinite(grad) || max <= 0 || !double.IsFinite(max)) return Hex(Zero);
        var t = Math.Clamp(Math.Abs(grad) / max, 0, 1);
        var end = grad < 0 ? Negative : Positive;
        return Hex((Mix(Zero.R, end.R, t), Mix(Zero.G, end.G, t), Mix(Zero.B, end.B, t)));
    }

    /// <summary>Black or white, whichever reads better on <paramref name="fill"/> (#rrggbb): at least 4.5:1 on any fill.</summary>
    public static string TextColor(string fill)
    {
        var background = Luminance(fill);
        var onBlack = (background + 0.05) / 0.05;
        var onWhite = 1.05 / (background + 0.05);
        return onBlack >= onWhite ? "#000000" : "#ffffff";
    }

    // WCAG 2's relative luminance of an sRGB colour.
    private static double Luminance(string hex)
    {
        double Channel(int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }

    /// <summary>The values the legend shows: −max, −max/2, 0, max/2, max.</summary>
    public static double[] LegendStops(double max) => [-max, -max / 2, 0, max / 2, max];

    /// <summary>A legend node: five swatches labelled with the values they stand for.</summary>
    public static string LegendNode(double max, GraphOptions options)
    {
        var html = new StringBuilder("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><td colspan=\"5\">grad</td></tr><tr>");
        foreach (var stop in LegendStops(max))
        {
            var fill = Color(stop, max);
            html.Append("<td bgcolor=\"").Append(fill).Append("\"><font color=\"").Append(TextColor(fill)).Append("\">")
                .Append(DotText.Html(NumberText.Format(stop, options.NumberFormat))).Append("</font></td>");
        }
        return "  legend [shape=plain label=<" + html.Append("</tr></table>>];\n");
    }

    private static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);

    private static string Hex((int R, int G, int B) c) => $"#{c.R:x2}{c.G:x2}{c.B:x2}";
}
