using System.Runtime.CompilerServices;

namespace ScalarAutograd.Nn;

/// <summary>
/// Loss functions built from <see cref="Value"/> operations, so their gradients flow through the same graph as
/// the model's: no shortcuts, nothing hidden.
/// </summary>
public static class Loss
{
    /// <summary>
    /// SVM max-margin loss, micrograd's choice for the moons: mean of max(0, 1 − yᵢ·scoreᵢ) with labels yᵢ = ±1.
    /// A score on the right side of the margin costs nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value Hinge(IReadOnlyList<Value> scores, IReadOnlyList<double> labels)
    {
        Check(scores, labels);
        var terms = new Value[scores.Count];
        for (var i = 0; i < terms.Length; i++) terms[i] = (1 - labels[i] * scores[i]).Relu();
        return Value.SumOf(terms) * (1.0 / terms.Length);
    }

    /// <summary>Mean squared error: mean of (predictionᵢ − targetᵢ)².</summary>
    public static Value MeanSquaredError(IReadOnlyList<Value> predictions, IReadOnlyList<double> targets)
    {
        Check(predictions, targets);
        var terms = new Value[predictions.Count];
        for (var i = 0; i < terms.Length; i++) terms[i] = (predictions[i] - targets[i]).Pow(2);
        return Value.SumOf(terms) * (1.0 / terms.Length);
    }

    /// <summary>
    /// Binary cross-entropy: −mean of yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ), for probabilities pᵢ in (0, 1) (e.g. from
    /// <see cref="Value.Sigmoid"/>) and targets yᵢ in [0, 1]. A probability of exactly 0 or 1 on the wrong side gives ∞, as the math says.
    /// </summary>
    public static Value BinaryCrossEntropy(IReadOnlyList<Value> probabilities, IReadOnlyList<double> targets)
    {
        Check(probabilities, targets);
        var terms = new Value[probabilities.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            var p = probabilities[i];
            var y = targets[i];
            terms[i] = y * p.Log() + (1 - y) * (1 - p).Log();
        }
        return Value.SumOf(terms) * (-1.0 / terms.Length);
    }

    /// <summary>L2 penalty: α · Σ p², which pulls weights toward 0 (micrograd uses α = 1e-4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value L2(IEnumerable<Value> parameters, double alpha)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters as IReadOnlyList<Value> ?? [.. parameters];
        var squares = new Value[list.Count];
        for (var i = 0; i < squares.Length; i++) squares[i] = list[i] * list[i];
        return Value.SumOf(squares) * alpha;
    }

    /// <summary>The fraction of scores whose sign matches their ±1 label (a score of exactly 0 counts as wrong).</summary>
    public static double Accuracy(IReadOnlyList<Value> scores, IReadOnlyList<double> labels)
    {
        Check(scores, labels);
        var right = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i].Data * labels[i] > 0) right++;
        }
        return (double)right / scores.Count;
    }

    private static void Check<T>(IReadOnlyList<Value> outputs, IReadOnlyList<T> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Count == 0) throw new ArgumentException("Expected at least one output but got none.", nameof(outputs));
        if (outputs.Count != targets.Count)
            throw new ArgumentException($"Expected one target per output: {outputs.Count} outputs but {targets.Count} targets.", nameof(targets));
    }
}
