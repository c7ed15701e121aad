using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// What the pictures should print for a number, written independently of NumberText: .NET's ToString, and a zero
/// (all digits before any exponent are 0) without its minus sign.
/// </summary>
internal static partial class Shown
{
    public static string Number(double x, string format)
    {
        var text = x.ToString(format, CultureInfo.InvariantCulture);
        return SignedZero().IsMatch(text) ? text[1..] : text;
    }

    [GeneratedRegex("^-[0.,]*0[0.,]*(E[+-]?[0-9]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignedZero();
}
