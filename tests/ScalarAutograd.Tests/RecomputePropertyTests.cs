using CsCheck;

namespace ScalarAutograd.Tests;

/// <summary>
/// Recompute() after editing inputs equals rebuilding the expression from the new inputs, on generated graphs
/// (depth ≤ 8, values reused, every operation), to the bit: the same IEEE operations in the same order.
/// </summary>
public class RecomputePropertyTests
{
    internal const int Inputs = 4;
    private const int MaxDepth = 8;

    internal readonly record struct Step(int Op, int Left, int Right, int Third);

    internal static readonly Gen<Step[]> Programs =
        Gen.Select(Gen.Int[0, 13], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000])
           .Select((op, l, r, t) => new Step(op, l, r, t)).Array[1, 24];

    private static readonly double[] Exponents = [0, 1, 2, 3, -1, 0.5];

    // The graph's shape depends only on the program, never on the data, so the same program can be rebuilt.
    internal static List<Value> Build(Step[] program, Value[] inputs)
    {
        var pool = new List<Value>(inputs);
        var depth = new List<int>(new int[inputs.Length]);
        foreach (var s in program)
        {
            var shallow = Enumerable.Range(0, pool.Count).Where(i => depth[i] < MaxDepth).ToArray();
            int Pick(int k) => shallow[k % shallow.Length];
            var (l, r, t) = (Pick(s.Left), Pick(s.Right), Pick(s.Third));
            var (a, b, c) = (pool[l], pool[r], pool[t]);
            var result = s.Op switch
            {
                0 => a + b,
                1 => a - b,
                2 => a * b,
                3 => a / b,
                4 => -a,
                5 => a.Pow(Exponents[s.Third % Exponents.Length]),
                6 => a.Pow(b),
                7 => a.Exp(),
                8 => a.Log(),
                9 => a.Tanh(),
                10 => a.Relu(),
                11 => a.Sigmoid(),
                12 => Value.Sum([a, b, c]),
                _ => a * 2 + 1, // constants as leaves inside the graph
            };
            pool.Add(result);
            depth.Add(Math.Max(depth[l], Math.Max(depth[r], depth[t])) + 1);
        }
        return pool;
    }

    private static Value[] Leaves(double[] xs) => [.. xs.Select(x => new Value(x))];

    [Fact]
    public void Recompute_after_editing_inputs_equals_rebuilding_from_them() =>
        Gen.Select(Programs, Gen.Double[-3, 3].Array[Inputs], Gen.Double[-3, 3].Array[Inputs]).Sample((program, before, after) =>
        {
            var edited = Leaves(before);
            var graph = Build(program, edited);
            for (var i = 0; i < Inputs; i++) edited[i].Data = after[i];
            graph[^1].Recompute();

            var rebuilt = Build(program, Leaves(after));
            Assert.Equal(rebuilt.Count, graph.Count);
            for (var i = 0; i < graph.Count; i++)
            {
                if (!ReferenceEquals(graph[i], graph[^1]) && !graph[^1].TopologicalOrder().Contains(graph[i])) continue;
                Assert.Equal(rebuilt[i].Data, graph[i].Data);
                Assert.Equal(rebuilt[i].LocalDerivatives, graph[i].LocalDerivatives);
            }
        }, iter: 300);

    [Fact]
    public void Backward_after_editing_inputs_gives_the_grads_of_the_rebuilt_expression() =>
        Gen.Select(Programs, Gen.Double[-3, 3].Array[Inputs], Gen.Double[-3, 3].Array[Inputs]).Sample((program, before, after) =>
        {
            var edited = Leaves(before);
            var output = Build(program, edited)[^1];
            output.Backward();
            foreach (var v in edited) v.Grad = 0;
            for (var i = 0; i < Inputs; i++) edited[i].Data = after[i];
            output.Backward();

            var fresh = Leaves(after);
            var rebuilt = Build(program, fresh)[^1];
            rebuilt.Backward();
            Assert.Equal(rebuilt.Data, output.Data);
            Assert.Equal(fresh.Select(v => v.Grad), edited.Select(v => v.Grad));
            Assert.Empty(output.Inspect().StaleValues);
        }, iter: 300);
}
