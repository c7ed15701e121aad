using System.Globalization;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>WCAG 2.x contrast, written from the spec (relative luminance of sRGB), to check the drawings' colours.</summary>
internal static class Wcag
{
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    public static double Luminance(string color)
    {
        var hex = Named(color).TrimStart('#');
        double Linear(int at)
        {
            var c = int.Parse(hex.Substring(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(0) + 0.7152 * Linear(2) + 0.0722 * Linear(4);
    }

    // Graphviz writes a few colours by name.
    private static string Named(string color) => color switch
    {
        "black" => "#000000",
        "white" => "#ffffff",
        _ => color,
    };
}
