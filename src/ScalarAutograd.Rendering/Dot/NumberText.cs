using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>
/// A number as pictures show it: .NET's <c>ToString(format, InvariantCulture)</c>, except that a number shown as zero
/// carries no sign. IEEE keeps −0 (a ReLU'd 0 times a negative weight) and .NET prints it, and a tiny negative that
/// rounds to zero, as "-0.0000": in a picture that reads as a different number from 0.0000 when it is the same.
/// LiveGraph.js's <c>format</c> applies the same rule, so live updates match the static picture.
/// </summary>
internal static class NumberText
{
    public static string Format(double x, string format)
    {
        var text = x.ToString(format, CultureInfo.InvariantCulture);
        if (!double.IsNegative(x) || double.IsNaN(x)) return text;
        // A negative that shows as zero is shown as the zero it reads as: whatever the format's sign is ("-0.0000",
        // or the currency format's "(¤0.00)"), the digits of |x| decide.
        var magnitude = (-x).ToString(format, CultureInfo.InvariantCulture);
        return ShowsZero(magnitude) ? magnitude : text;
    }

    // True when every digit before an exponent is 0 (and there is one): "0", "0.0000", "¤0.00", "0.000E+000".
    private static bool ShowsZero(string text)
    {
        var digits = false;
        foreach (var c in text)
        {
            if (c is 'E' or 'e') break;
            if (c is >= '1' and <= '9') return false;
            digits |= c == '0';
        }
        return digits;
    }
}
