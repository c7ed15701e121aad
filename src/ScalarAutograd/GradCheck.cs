using System.Globalization;
using System.Text;

namespace ScalarAutograd;

/// <summary>
/// Compares the gradients <see cref="Value.Backward"/> computes with central differences — the lecture's numerical
/// slope, made a habit. Defaults as PyTorch's <c>gradcheck</c>: eps 1e-6, atol 1e-5, rtol 1e-3.
/// </summary>
public static class GradCheck
{
    /// <summary>Checks ∂f/∂xᵢ at <paramref name="inputs"/> for every i.</summary>
    /// <param name="f">The function, built from Value operations on its inputs.</param>
    /// <param name="inputs">Where to check.</param>
    /// <param name="names">Optional input names for the table (default x0, x1, …).</param>
    /// <param name="eps">The step of the central difference.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="rtol">Relative tolerance: an input passes when |analytic − numeric| ≤ atol + rtol·|numeric|.</param>
    public static GradCheckResult Run(Func<Value[], Value> f, double[] inputs, string[]? names = null,
        double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        if (names is not null && names.Length != inputs.Length)
            throw new ArgumentException($"Expected one name per input: {inputs.Length} inputs but {names.Length} names.", nameof(names));

        var xs = inputs.Select((x, i) => new Value(x, names?[i] ?? $"x{i}")).ToArray();
        f(xs).Backward();

        var rows = new GradCheckRow[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var numeric = (At(f, inputs, i, +eps) - At(f, inputs, i, -eps)) / (2 * eps);
            var analytic = xs[i].Grad;
            var error = Math.Abs(analytic - numeric);
            var relative = error == 0 ? 0 : error / Math.Max(Math.Abs(numeric), double.Epsilon);
            rows[i] = new GradCheckRow(xs[i].Label!, inputs[i], analytic, numeric, error, relative, error <= atol + rtol * Math.Abs(numeric));
        }
        return new GradCheckResult(rows);
    }

    // f with input i moved by h. Recorded as a graph (not under NoGrad): f may itself take a Derivative(), which
    // needs one; the graph is dropped right after.
    private static double At(Func<Value[], Value> f, double[] inputs, int i, double h) =>
        f([.. inputs.Select((x, j) => new Value(j == i ? x + h : x))]).Data;
}

/// <summary>One input's line of a <see cref="GradCheck"/>.</summary>
/// <param name="Input">The input's name.</param>
/// <param name="Value">Where it was checked.</param>
/// <param name="Analytic">The gradient backward computed.</param>
/// <param name="Numeric">The central difference.</param>
/// <param name="AbsoluteError">|analytic − numeric|.</param>
/// <param name="RelativeError">|analytic − numeric| / |numeric|.</param>
/// <param name="Passed">Within atol + rtol·|numeric|.</param>
public sealed record GradCheckRow(string Input, double Value, double Analytic, double Numeric, double AbsoluteError, double RelativeError, bool Passed);

/// <summary>The outcome of a <see cref="GradCheck"/>: one row per input.</summary>
/// <param name="Rows">One row per input.</param>
public sealed record GradCheckResult(IReadOnlyList<GradCheckRow> Rows)
{
    /// <summary>True when every input passed.</summary>
    public bool Passed => Rows.All(r => r.Passed);

    /// <summary>The table, as text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{"input",-8} {"value",12} {"analytic",14} {"numeric",14} {"abs error",10} {"rel error",10}  result\n");
        foreach (var r in Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Input,-8} {r.Value,12:G6} {r.Analytic,14:G8} {r.Numeric,14:G8} {r.AbsoluteError,10:E2} {r.RelativeError,10:E2}  {(r.Passed ? "pass" : "FAIL")}\n");
        }
        return text.Append(Passed ? "gradient check passed" : "gradient check FAILED").ToString();
    }
}
