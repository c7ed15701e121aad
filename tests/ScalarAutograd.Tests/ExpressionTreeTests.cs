using CsCheck;

namespace ScalarAutograd.Tests;

/// <summary>Random expression graphs (depth ≤ 8, values reused): reverse mode against finite differences.</summary>
public class ExpressionTreeTests
{
    private const int Inputs = 4;
    private const int MaxDepth = 8;

    // One instruction: an operation applied to two earlier entries of the pool (unary ones use the first).
    private readonly record struct Step(int Op, int Left, int Right);

    private static readonly Gen<Step[]> Programs =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, 1000]).Select((op, l, r) => new Step(op, l, r)).Array[1, 24];

    // Evaluates the program over any number type: Value for reverse mode, double for finite differences.
    private static T Run<T>(Step[] program, T[] inputs, Func<int, T, T, T> apply, Func<T, double> data, Func<T, T> squash)
    {
        var pool = new List<T>(inputs);
        var depth = new List<int>(new int[inputs.Length]);
        foreach (var s in program)
        {
            var shallow = Enumerable.Range(0, pool.Count).Where(i => depth[i] < MaxDepth).ToArray();
            var l = shallow[s.Left % shallow.Length];
            var r = shallow[s.Right % shallow.Length];
            var result = apply(s.Op, pool[l], pool[r]);
            // Keep intermediates moderate so finite differences stay well conditioned.
            if (Math.Abs(data(result)) > 50) result = squash(result);
            pool.Add(result);
            depth.Add(Math.Max(depth[l], depth[r]) + 1);
        }
        return pool[^1];
    }

    private static Value ApplyValue(int op, Value a, Value b) => op switch
    {
        0 => a + b,
        1 => a - b,
        2 => a * b,
        3 => a / (b * b + 1),
        4 => a.Tanh(),
        5 => a.Sigmoid(),
        6 => -a,
        7 => a.Pow(2),
        8 => (a.Tanh()).Exp(),
        _ => (a * a + 1).Log(),
    };

    private static double ApplyDouble(int op, double a, double b) => op switch
    {
        0 => a + b,
        1 => a - b,
        2 => a * b,
        3 => a / (b * b + 1),
        4 => Math.Tanh(a),
        5 => 1 / (1 + Math.Exp(-a)),
        6 => -a,
        7 => Math.Pow(a, 2),
        8 => Math.Exp(Math.Tanh(a)),
        _ => Math.Log(a * a + 1),
    };

    [Fact]
    public void Gradients_of_random_graphs_match_finite_differences() =>
        Gen.Select(Programs, Gen.Double[-2, 2].Array[Inputs]).Sample((program, xs) =>
        {
            var leaves = xs.Select(x => new Value(x)).ToArray();
            var output = Run(program, leaves, ApplyValue, v => v.Data, v => v.Tanh());
            output.Backward();
            double F(double[] x) => Run(program, x, ApplyDouble, d => d, Math.Tanh);
            Assert.Equal(F(xs), output.Data, 1e-12);
            var numeric = Numerical.Gradient(F, xs);
            for (var i = 0; i < Inputs; i++)
                Numerical.AssertClose(numeric[i], leaves[i].Grad, rtol: 1e-4, atol: 1e-5, what: $"input {i}");
        }, iter: 400);

    [Fact]
    public void Same_code_gives_the_same_order_and_numbers_every_run() =>
        Gen.Select(Programs, Gen.Double[-2, 2].Array[Inputs]).Sample((program, xs) =>
        {
            (string[] ops, double[] grads) Once()
            {
                var leaves = xs.Select(x => new Value(x)).ToArray();
                var output = Run(program, leaves, ApplyValue, v => v.Data, v => v.Tanh());
                output.Backward();
                return (output.TopologicalOrder().Select(v => v.Op).ToArray(), leaves.Select(v => v.Grad).ToArray());
            }
            var first = Once();
            var second = Once();
            Assert.Equal(first.ops, second.ops);
            Assert.Equal(first.grads, second.grads);
        }, iter: 100);
}
