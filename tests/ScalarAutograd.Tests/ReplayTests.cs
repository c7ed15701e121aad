using CsCheck;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

/// <summary>A compiled tape replays the graph eagerly built: same data, same grads, nothing allocated (issue 16).</summary>
public class ReplayTests
{
    private static Value[] Leaves(double[] xs) => [.. xs.Select(x => new Value(x))];

    [Fact]
    public void Replay_after_editing_inputs_gives_the_data_and_grads_of_the_rebuilt_expression() =>
        Gen.Select(RecomputePropertyTests.Programs, Gen.Double[-3, 3].Array[RecomputePropertyTests.Inputs], Gen.Double[-3, 3].Array[RecomputePropertyTests.Inputs])
           .Sample((program, before, after) =>
        {
            var edited = Leaves(before);
            var graph = RecomputePropertyTests.Build(program, edited);
            if (graph[^1].IsLeaf) return; // a program whose output is an input: nothing to compile
            var tape = graph[^1].Compile();
            for (var i = 0; i < edited.Length; i++) edited[i].Data = after[i];
            var output = tape.Forward();
            tape.Backward();

            var fresh = Leaves(after);
            var rebuilt = RecomputePropertyTests.Build(program, fresh);
            rebuilt[^1].Backward();
            Assert.Equal(rebuilt[^1].Data, output); // the same IEEE operations in the same order: to the bit
            Assert.Equal(fresh.Select(v => v.Grad), edited.Select(v => v.Grad));
            foreach (var (value, twin) in graph.Zip(rebuilt))
            {
                if (value.IsLeaf || !tape.Values.Contains(value)) continue;
                Assert.Equal(twin.Data, tape.DataOf(value));
                Assert.Equal(twin.Grad, tape.GradOf(value));
            }
        }, iter: 300);

    private static Value MoonsLoss(MLP model, Dataset data)
    {
        var scores = data.X.Select(x => model.Forward(x)[0]).ToArray();
        return Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4);
    }

    [Fact]
    public void A_hundred_replayed_moons_steps_train_exactly_as_eager_steps_do()
    {
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var eager = new MLP(2, [16, 16, 1], seed: 1337);
        var replayed = new MLP(2, [16, 16, 1], seed: 1337);
        var eagerSgd = new Sgd(eager.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        var replayedSgd = new Sgd(replayed.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        var tape = MoonsLoss(replayed, data).Compile(replayed.Parameters());
        for (var k = 0; k < 100; k++)
        {
            var loss = MoonsLoss(eager, data);
            eagerSgd.ZeroGrad();
            loss.Backward();
            replayedSgd.ZeroGrad();
            var replayedLoss = tape.Forward();
            tape.Backward();
            Assert.Equal(loss.Data, replayedLoss, 1e-12);
            foreach (var (p, q) in eager.Parameters().Zip(replayed.Parameters())) Assert.Equal(p.Grad, q.Grad, 1e-12);
            eagerSgd.Step();
            replayedSgd.Step();
        }
        Assert.Equal(1.0, Loss.Accuracy([.. data.X.Select(x => replayed.Forward(x)[0])], data.Y));
    }
}

public class ReplayContractTests
{
    [Fact]
    public void A_replayed_step_allocates_nothing()
    {
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var model = new MLP(2, [16, 16, 1], seed: 1337);
        var sgd = new Sgd(model.Parameters(), learningRate: 0.05);
        var scores = data.X.Select(x => model.Forward(x)[0]).ToArray();
        var tape = (Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4)).Compile(model.Parameters());
        for (var k = 0; k < 3; k++) Step(); // JIT and tiering first
        // A step that allocates would allocate in every round; the runtime itself may (rarely, under load) allocate on
        // this thread during one round, so the quietest of five rounds of ten steps must be exactly 0 bytes.
        var rounds = new long[5];
        for (var r = 0; r < rounds.Length; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < 10; k++) Step();
            rounds[r] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.True(rounds.Min() == 0, $"bytes allocated per 10 replayed steps, five rounds: {string.Join(", ", rounds)}");

        void Step()
        {
            sgd.ZeroGrad();
            tape.Forward();
            tape.Backward();
            sgd.Step();
        }
    }

    [Fact]
    public void Replay_reads_the_leaves_current_data_and_write_back_makes_the_graph_show_it()
    {
        var (a, b, _, e, d, f, L) = Lecture.Graph();
        var tape = L.Compile();
        a.Data = 3;
        Assert.Equal((3 * -3.0 + 10) * -2.0, tape.Forward());
        Assert.Equal(-8.0, L.Data); // the graph keeps its numbers until WriteBack
        tape.Backward();
        Assert.Equal(-6.0, b.Grad); // ∂L/∂b = a·f with the new a
        Assert.Equal(tape.Forward(), tape.Output);
        tape.WriteBack();
        Assert.Equal(-2.0, L.Data);
        Assert.Equal(e.Data + 10, d.Data);
        Assert.Equal(-2.0, d.Grad);
        Assert.Equal(new[] { f.Data, d.Data }, L.LocalDerivatives);
        Assert.Empty(L.Inspect().StaleValues);
    }

    [Fact]
    public void Compiling_with_a_parameter_the_graph_does_not_use_is_an_error_naming_it()
    {
        var (a, b, c, _, _, f, L) = Lecture.Graph();
        var unused = new Value(1.0, "w9");
        var error = Assert.Throws<ArgumentException>(() => L.Compile([a, b, c, f, unused]));
        Assert.Contains("Parameter 4 ('w9') is not part of this graph", error.Message);
        L.Compile([a, b, c, f]); // all reachable: fine
    }

    [Fact]
    public void Compiling_a_leaf_is_an_error_that_says_why()
    {
        Value loss;
        using (Value.NoGrad()) loss = new Value(2.0, "x") * 3;
        var error = Assert.Throws<InvalidOperationException>(() => loss.Compile());
        Assert.Contains("is a leaf: there is no operation to replay", error.Message);
    }

    [Fact]
    public void A_value_outside_the_compiled_graph_is_refused_by_DataOf()
    {
        var (_, _, _, _, _, _, L) = Lecture.Graph();
        var tape = L.Compile();
        Assert.Throws<ArgumentException>(() => tape.DataOf(new Value(1.0)));
    }

    [Fact]
    public void In_anomaly_mode_replay_stops_at_the_first_NaN_and_names_the_operation()
    {
        var x = new Value(1.0, "x");
        var y = (x.Log() * 2).Tanh();
        var tape = y.Compile();
        x.Data = -1;
        using (Value.DetectAnomalies())
        {
            var error = Assert.Throws<AnomalyException>(() => tape.Forward());
            Assert.Equal("Log", error.Operation);
            Assert.Contains("'x'", error.Message);
        }
    }
}
