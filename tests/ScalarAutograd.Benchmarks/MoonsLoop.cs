using System.Diagnostics;
using ScalarAutograd.Nn;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// The loop a learner runs: micrograd's moons, 100 full-batch steps from a fresh model, each step timed. The same
/// code runs in a console process (<see cref="Run"/>) and, as a cell, inside the notebook kernel (<see cref="CellSource"/>).
/// </summary>
internal static class MoonsLoop
{
    /// <summary>The eager loop: <paramref name="steps"/> steps from a fresh model, each timed (ms).</summary>
    public static double[] Run(int steps, int samples = 100) => Timed(steps, Training(samples, replay: false));

    /// <summary>The same training, replayed: the loss compiled once into a tape, then each step Forward/Backward.</summary>
    public static double[] Replay(int steps, int samples = 100) => Timed(steps, Training(samples, replay: true));

    /// <summary>micrograd's moons loss: mean hinge over the samples' scores + 1e-4·L2 of the parameters.</summary>
    public static Value MoonsLoss(MLP model, Dataset data)
    {
        var scores = new Value[data.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = model.Forward(data.X[i])[0];
        return Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4);
    }

    /// <summary>One eager training step: the loss's graph, zeroed grads, Backward(), SGD. Returns the loss.</summary>
    public static double EagerStep(MLP model, Dataset data, Sgd sgd)
    {
        var loss = MoonsLoss(model, data);
        sgd.ZeroGrad();
        loss.Backward();
        sgd.Step();
        return loss.Data;
    }

    /// <summary>What one step (eager, or replayed from a tape) allocates on this thread with <paramref name="samples"/> samples, after a warm-up step.</summary>
    public static long BytesPerStep(int samples, bool replay)
    {
        var step = Training(samples, replay);
        step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        step();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // A fresh model on the moons data with the decaying SGD of every loop here, and one training step of it: eager, or
    // replayed from a tape compiled once (before the first step).
    private static Action Training(int samples, bool replay)
    {
        var data = Dataset.Moons(samples, 0.1, seed: 1);
        var model = new MLP(2, [16, 16, 1], seed: 1337);
        var sgd = new Sgd(model.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        if (!replay) return () => EagerStep(model, data, sgd);
        var tape = MoonsLoss(model, data).Compile(model.Parameters());
        return () =>
        {
            tape.Forward();
            sgd.ZeroGrad();
            tape.Backward();
            sgd.Step();
        };
    }

    private static double[] Timed(int steps, Action step)
    {
        var times = new double[steps];
        for (var k = 0; k < steps; k++)
        {
            var start = Stopwatch.GetTimestamp();
            step();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    /// <summary>The eager loop (<see cref="Run"/>) as a notebook cell: prints one line, "step-ms: t1 t2 …".</summary>
    public static string CellSource(int steps, int samples = 100) => Cell(steps, samples, setup: "", step: """
        var scores = new Value[data.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = model.Forward(data.X[i])[0];
        var loss = Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4);
        sgd.ZeroGrad();
        loss.Backward();
        sgd.Step();
        """);

    /// <summary>The replayed loop (<see cref="Replay"/>) as a notebook cell: prints one line, "step-ms: t1 t2 …".</summary>
    public static string ReplayCellSource(int steps, int samples = 100) => Cell(steps, samples, setup: """
        var scores = new Value[data.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = model.Forward(data.X[i])[0];
        var tape = (Loss.Hinge(scores, data.Y) + Loss.L2(model.Parameters(), 1e-4)).Compile(model.Parameters());
        """, step: """
        tape.Forward();
        sgd.ZeroGrad();
        tape.Backward();
        sgd.Step();
        """);

    // The loops above written out as a cell (it cannot call this assembly): the same model, data and SGD, then
    // the setup, then each step timed.
    private static string Cell(int steps, int samples, string setup, string step) => $$"""
        {
            var data = Dataset.Moons({{samples}}, 0.1, seed: 1);
            var model = new MLP(2, [16, 16, 1], seed: 1337);
            var sgd = new Sgd(model.Parameters(), schedule: k => 1.0 - 0.9 * k / 100);
        {{setup}}
            var times = new double[{{steps}}];
            for (var k = 0; k < times.Length; k++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
        {{step}}
                times[k] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Console.WriteLine("step-ms: " + string.Join(" ", times.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        """;

    /// <summary>The baselines do the same step: 100 steps of the engine, the floor and the naive port, losses compared.</summary>
    public static int SameStep()
    {
        var data = Dataset.Moons(100, 0.1, seed: 1);
        var model = new MLP(2, [16, 16, 1], seed: 1337);
        var floor = new Floor(new MLP(2, [16, 16, 1], seed: 1337), data);
        var naive = new NaivePort(new MLP(2, [16, 16, 1], seed: 1337), data);
        var sgd = new Sgd(model.Parameters(), learningRate: 0.05);
        var worst = 0.0;
        for (var k = 0; k < 100; k++)
        {
            var (loss, f, n) = (EagerStep(model, data, sgd), floor.Step(0.05), naive.Step(0.05));
            worst = Math.Max(worst, Math.Max(Math.Abs(f - loss), Math.Abs(n - loss)));
            if (k % 25 == 0 || k == 99) Console.WriteLine($"step {k + 1}: engine {loss:R}, floor {f:R}, naive port {n:R}");
        }
        Console.WriteLine($"largest difference from the engine's loss over 100 steps: {worst:E2}");
        return worst < 1e-9 ? 0 : 1;
    }

    public static (double Median, double Mean) Summary(IReadOnlyList<double> times)
    {
        var sorted = times.Order().ToArray();
        return (sorted[sorted.Length / 2], times.Average());
    }
}
