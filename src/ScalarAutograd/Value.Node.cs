namespace ScalarAutograd;

// The result of an operation: where every operator and function in Value.Operators.cs and Value.Functions.cs
// records its operands and their local derivatives.
public partial class Value
{
    // One operation's result: its one or two operands and ∂result/∂operand for each, computed in the forward pass.
    private sealed class Node(double data, Operation op, Value a, double localA, Value? b, double localB) : Value(data, op)
    {
        public readonly Value A = a;
        public readonly Value? B = b;
        public readonly double LocalA = localA;
        public readonly double LocalB = localB; // for x^k with a constant k: the exponent k
    }

    // Makes the result of an operation: forward value, operand a and ∂/∂a, and (binary) operand b and ∂/∂b.
    // Under Value.NoGrad() it is a plain leaf; in anomaly mode a NaN or ±∞ result stops here.
    private static Value Result(double data, Operation op, Value a, double localA, Value? b = null, double localB = 0)
    {
        if (s_modes != 0 && Modes.Apply(data, op, b is null ? [a] : [a, b], localB)) return new Value(data);
        return new Node(data, op, a, localA, b, localB);
    }
}
