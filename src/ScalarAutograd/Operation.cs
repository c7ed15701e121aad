namespace ScalarAutograd;

/// <summary>The operation that produced a <see cref="Value"/>. A tag, not a closure: backward needs no allocation per node.</summary>
internal enum Operation : byte
{
    Leaf,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    PowConstant,
    PowValue,
    Exp,
    Log,
    Tanh,
    Relu,
    Sigmoid,
    Sum,
    // The data-dependent local derivatives, as operations, so a Derivative() graph recomputes them (Value.HigherOrder.cs).
    ReluSlope,
    PowSlopeBase,
    PowSlopeExponent,
    Dot, // Σ wᵢ·xᵢ + b, a neuron's weighted sum as one node (Value.Dot.cs)
}
