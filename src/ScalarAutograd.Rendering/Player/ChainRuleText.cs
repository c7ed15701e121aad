using System.Globalization;

namespace ScalarAutograd.Rendering;

/// <summary>
/// The chain rule in words a learner can check: names for values (their label, else their expression, <c>a*b</c>),
/// each local derivative as a formula (∂(a*b)/∂a = b), and short numbers (−2, 0.5, 4.8284).
/// </summary>
internal static class ChainRuleText
{
    private const int LongestExpression = 32;

    /// <summary>The value's label, else the expression that made it (<c>a*b</c>, <c>tanh(n)</c>), else its op (<c>Σ(…)</c>).</summary>
    public static string Name(Value v)
    {
        if (v.Label is { Length: > 0 } label) return LongText.Cut(label.ReplaceLineEndings(" "), LongText.MaxLineLength); // bounded, as in its box
        var expression = Expression(v, depth: 0);
        var shown = expression.Length <= LongestExpression ? expression : $"{v.Op}(…)";
        // A cut expression reads alike for many values (each step of a long chain): its data, as its box shows it,
        // tells them apart.
        return shown.Contains('…') ? $"{shown} (data {Short(v.Data)})" : shown;
    }

    /// <summary>∂<paramref name="result"/>/∂operand <paramref name="i"/> as a formula over names: <c>b</c> for a*b, <c>1 − o²</c> for tanh.</summary>
    public static string LocalDerivative(Value result, int i)
    {
        var operands = result.Children;
        var x = Operand(operands[0]);
        var y = operands.Count > 1 ? Operand(operands[1]) : "";
        var out_ = Operand(result);
        var op = result.Op;
        if (op.StartsWith('^'))
        {
            var n = double.Parse(op[1..], CultureInfo.InvariantCulture);
            return $"{Short(n)}·{x}^{Short(n - 1)}";
        }
        return op switch
        {
            "+" or "Σ" => "1",
            "Σw·x+b" => i == operands.Count - 1 ? "1" : Operand(operands[i ^ 1]), // ∂(w·x)/∂w = x, ∂/∂b = 1
            "-" => i == 0 ? "1" : "−1",
            "*" => i == 0 ? y : x,
            "/" => i == 0 ? $"1/{y}" : $"−{x}/{y}²",
            "neg" => "−1",
            "pow" => i == 0 ? $"{y}·{x}^({y}−1)" : $"{out_}·log({x})",
            "exp" => out_,
            "log" => $"1/{x}",
            "tanh" => $"1 − {out_}²",
            "ReLU" => $"[{x} > 0]",
            "sigmoid" => $"{out_}·(1 − {out_})",
            "ReLU'" => "0",
            _ => "∂",
        };
    }

    /// <summary>
    /// A formula about to be multiplied: bracketed when it is a sum or difference, so <c>(1 − o²)·o.grad</c> does not
    /// read as 1 − (o²·o.grad).
    /// </summary>
    public static string Factor(string formula) => formula.Contains(" − ", StringComparison.Ordinal) || formula.Contains(" + ", StringComparison.Ordinal) ? $"({formula})" : formula;

    /// <summary>A number as people write it: at most 5 significant digits, a real minus sign.</summary>
    public static string Short(double x) => x.ToString("G5", CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>A number in a drawing's format, with a real minus sign.</summary>
    public static string Formatted(double x, string format) => NumberText.Format(x, format).Replace('-', '−');

    /// <summary>A name that is safe to put next to an operator: an expression gets parentheses, <c>(a*b)</c>.</summary>
    public static string Operand(Value v)
    {
        var name = Name(v);
        // An expression, or a label written like one ("x1*w1"), gets brackets: (x1*w1).grad, not x1*w1.grad.
        return NeedsParentheses(v) || (v.Label is not null && name.IndexOfAny(['+', '-', '*', '/', '^', ' ', '·']) >= 0) ? $"({name})" : name;
    }

    /// <summary>How <paramref name="v"/> was computed from its operands' names: <c>d*f</c>, <c>tanh(n)</c>.</summary>
    public static string Definition(Value v) => Apply(v, Name, Operand);

    private static string Expression(Value v, int depth)
    {
        if (v.Label is { Length: > 0 } label) return LongText.Cut(label.ReplaceLineEndings(" "), LongText.MaxLineLength); // bounded, as in its box
        if (v.IsLeaf) return Short(v.Data);
        if (depth > 3) return "…";
        return Apply(v, c => Expression(c, depth + 1), c => NeedsParentheses(c) ? $"({Expression(c, depth + 1)})" : Expression(c, depth + 1));
    }

    private static bool NeedsParentheses(Value v) => v.Label is null && !v.IsLeaf && v.Children.Count > 1 && v.Op is not ("Σ" or "Σw·x+b");

    // One operation over its operands, each written by `plain` (inside brackets) or `operand` (next to an operator).
    private static string Apply(Value v, Func<Value, string> plain, Func<Value, string> operand)
    {
        var operands = v.Children;
        if (operands.Count == 0) return Short(v.Data);
        return v.Op switch
        {
            "+" or "-" or "*" or "/" => $"{operand(operands[0])}{v.Op}{operand(operands[1])}",
            "neg" => $"−{operand(operands[0])}",
            "pow" => $"{operand(operands[0])}^{operand(operands[1])}",
            "Σ" => operands.Count <= 3
                ? $"Σ({string.Join(", ", operands.Select(plain))})"
                : $"Σ({plain(operands[0])}, …, {plain(operands[^1])})",
            "Σw·x+b" => operands.Count <= 5
                ? $"Σ({string.Join(", ", Enumerable.Range(0, operands.Count / 2).Select(k => $"{operand(operands[2 * k])}·{operand(operands[2 * k + 1])}").Append(plain(operands[^1])))})"
                : $"Σ({operand(operands[0])}·{operand(operands[1])}, …, {plain(operands[^1])})",
            var op when op.StartsWith('^') => $"{operand(operands[0])}{op}",
            var op => $"{op}({plain(operands[0])})",
        };
    }
}
