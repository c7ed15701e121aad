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
    Dot, // Σ wᵢ·xᵢ + b, a neuron's weighted sum as one node (Value.Dot.cs)
}
