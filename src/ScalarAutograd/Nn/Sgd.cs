using System.Runtime.CompilerServices;

namespace ScalarAutograd.Nn;

/// <summary>
/// Stochastic gradient descent: each <see cref="Step"/> moves every parameter against its gradient,
/// p.Data −= learning rate × p.Grad.
/// </summary>
/// <example><code>
/// var sgd = new Sgd(model.Parameters(), learningRate: 1.0, schedule: k => 1.0 - 0.9 * k / 100); // micrograd's moons
/// sgd.ZeroGrad(); loss.Backward(); sgd.Step();
/// </code></example>
public sealed class Sgd
{
    private readonly Value[] _parameters;
    private readonly Func<int, double>? _schedule;

    /// <summary>An optimizer for <paramref name="parameters"/>.</summary>
    /// <param name="parameters">What to train, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="learningRate">The step size when there is no schedule.</param>
    /// <param name="schedule">Optional: the learning rate for step k (0, 1, 2, …); replaces <paramref name="learningRate"/>.</param>
    public Sgd(IEnumerable<Value> parameters, double learningRate = 0.01, Func<int, double>? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        if (Array.IndexOf(_parameters, null) is var i and >= 0) throw new ArgumentNullException(nameof(parameters), $"The parameter at index {i} is null.");
        if (!double.IsFinite(learningRate)) throw new ArgumentException($"The learning rate must be a finite number (got {learningRate}).", nameof(learningRate));
        LearningRate = learningRate;
        _schedule = schedule;
    }

    /// <summary>The step size used when there is no schedule.</summary>
    public double LearningRate { get; }

    /// <summary>How many steps have been taken.</summary>
    public int StepCount { get; private set; }

    /// <summary>The learning rate the next <see cref="Step"/> will use.</summary>
    public double CurrentLearningRate => _schedule?.Invoke(StepCount) ?? LearningRate;

    /// <summary>p.Data −= learning rate × p.Grad for every parameter, then counts the step.</summary>
    /// <exception cref="InvalidOperationException">The schedule returned NaN or ±∞ for this step (nothing changes).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        var lr = CurrentLearningRate;
        if (!double.IsFinite(lr))
        {
            throw new InvalidOperationException(
                $"The schedule gave the learning rate {lr} for step {StepCount}: it must be a finite number. No parameter was changed; fix the schedule.");
        }
        foreach (var p in _parameters) p.Data -= lr * p.Grad;
        StepCount++;
    }

    /// <summary>Sets every parameter's gradient to 0: call it before each <c>Backward()</c>, since gradients accumulate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = 0;
    }
}
