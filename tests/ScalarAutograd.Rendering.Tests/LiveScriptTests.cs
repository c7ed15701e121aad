using System.Globalization;
using Xunit.Abstractions;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>
/// The live page's script, run in node (V8, as in Chromium) against the engine itself: every operation's forward
/// value and local derivatives, and number formatting as .NET's ToString(format, InvariantCulture).
/// </summary>
public class LiveScriptTests(ITestOutputHelper output)
{
    private static readonly string[] Exact = ["+", "-", "*", "/", "neg", "ReLU", "ReLU'"];
    private static readonly string[] Transcendental = ["^", "pow", "exp", "log", "tanh", "sigmoid", "∂pow/∂a", "∂pow/∂b"];
    private static readonly double[] Special = [0, -0.0, 1, -1, 2, -2, 0.5, 3, -3, double.NaN, double.PositiveInfinity,
        double.NegativeInfinity, double.Epsilon, double.MaxValue, -double.MaxValue, 1e-300, 710, -710, 1e308];

    [Fact]
    public void Every_operation_gives_the_engines_value_and_local_derivatives()
    {
        var rng = new Random(15);
        var cases = new List<(string Op, double A, double B)>();
        foreach (var op in Exact.Concat(Transcendental))
        {
            foreach (var a in Special) foreach (var b in Special) cases.Add((op, a, b));
            for (var i = 0; i < 3000; i++) cases.Add((op, Draw(rng), Draw(rng)));
        }
        var answers = LiveNode.Run("live-eval.js", new
        {
            evaluate = cases.Select(c => new[] { c.Op, LiveNode.Text(c.A), LiveNode.Text(c.B) }),
        }, ScriptFile())["evaluate"]!.AsArray();

        var failures = new List<string>();
        var ulpOff = cases.Select(c => c.Op).Distinct().ToDictionary(op => op, _ => 0);
        for (var i = 0; i < cases.Count; i++)
        {
            var (op, a, b) = cases[i];
            var engine = Engine(op, a, b);
            var js = answers[i]!.AsArray().Select(LiveNode.Parse).ToArray();
            for (var k = 0; k < engine.Length; k++)
            {
                if (Same(engine[k], js[k])) continue;
                var exact = Exact.Contains(op) || !double.IsFinite(engine[k]) || !double.IsFinite(js[k]) || engine[k] == 0 || js[k] == 0;
                if (exact || Math.Abs(engine[k] - js[k]) > 1e-15 * Math.Max(1, Math.Abs(engine[k])))
                    failures.Add($"{op}({a:R}, {b:R}) part {k}: engine {engine[k]:R}, script {js[k]:R}");
                else if (k == 0) ulpOff[op]++;
            }
        }
        foreach (var (op, n) in ulpOff) output.WriteLine($"{op}: result differs in the last place in {n} of {cases.Count(c => c.Op == op)} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.All(Exact, op => Assert.Equal(0, ulpOff[op]));
    }

    [Fact]
    public void Numbers_are_formatted_as_dotnet_formats_them()
    {
        string[] formats = ["F4", "F0", "F2", "F17", "f3", "N2", "N0", "E3", "E", "e2", "G", "G6", "G17", "G3", "g4", "R", "r"];
        var rng = new Random(42);
        var values = new List<double>(Special) { 1e15, 1e14, 123456789012345.6, 0.0001, 0.00001, 1e21, 1e22, -1e21, 0.125, 2.5, -2.5,
            0.00005, 1.23456789e-7, 999999.5, 9.9999995, -0.00001, 1e100, 1.5e-300, 12345.678 };
        for (var i = 0; i < 400; i++)
        {
            values.Add(BitConverter.Int64BitsToDouble((long)(rng.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF)) * (rng.Next(2) * 2 - 1));
            values.Add(Math.Round((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 22)), rng.Next(0, 6)));
            values.Add(Draw(rng));
        }
        var cases = formats.SelectMany(f => values.Select(x => (X: x, Format: f))).ToList();
        var shown = LiveNode.Run("live-eval.js", new { format = cases.Select(c => new[] { LiveNode.Text(c.X), c.Format }) }, ScriptFile())["format"]!.AsArray();

        var failures = cases.Select((c, i) => (c, Js: shown[i]!.GetValue<string>(), Net: Shown.Number(c.X, c.Format)))
            .Where(t => t.Js != t.Net)
            .Select(t => $"{t.c.X:R} as {t.c.Format}: .NET '{t.Net}', script '{t.Js}'")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} differ:\n" + string.Join("\n", failures.Take(25)));
    }

    [Fact]
    public void The_script_knows_every_operation_of_the_engine()
    {
        var operations = typeof(Value).Assembly.GetType("ScalarAutograd.Operation")!;
        var kinds = Enum.GetNames(operations).Where(n => n != "Leaf").ToList();
        Assert.Equal(kinds.Count, LiveModel.Operations.Count); // a new operation needs a line in LiveGraph.js and LiveModel.cs
        string[] lists = ["Σ", "Σw·x+b"]; // operations over a list of operands: handled beside evaluate(), by name
        Assert.All(LiveModel.Operations, op => Assert.Contains(lists.Contains(op) ? $"\"{op}\"" : $"case \"{op}\"", LivePage.ScriptText));
    }

    // What the engine computes: the result and the local derivative for each operand.
    internal static double[] Engine(string op, double a, double b)
    {
        var x = new Value(a);
        var y = new Value(b);
        var r = op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            "neg" => -x,
            "^" => x.Pow(b),
            "pow" => x.Pow(y),
            "exp" => x.Exp(),
            "log" => x.Log(),
            "tanh" => x.Tanh(),
            "ReLU" => x.Relu(),
            "sigmoid" => x.Sigmoid(),
            // The slopes Derivative() builds as operations: the first operand of slope × seed.
            "ReLU'" => x.Relu().Derivative(x).Children[0],
            "∂pow/∂a" => x.Pow(y).Derivative(x).Children[0],
            "∂pow/∂b" => x.Pow(y).Derivative(y).Children[0],
            _ => throw new ArgumentException(op),
        };
        var locals = r.LocalDerivatives;
        // The script returns [result, ∂/∂a, ∂/∂b]; for "^" its ∂/∂b slot is the exponent, for unary ones 0.
        return [r.Data, locals[0], locals.Count > 1 ? locals[1] : op == "^" ? b : 0];
    }

    // Slider-like numbers: mostly moderate, some tiny, some large.
    private static double Draw(Random rng) => (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 3));

    private static bool Same(double x, double y) => x.Equals(y) && (x != 0 || double.IsNegative(x) == double.IsNegative(y));

    private static string ScriptFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"live-script-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, LivePage.ScriptText);
        return file;
    }
}
