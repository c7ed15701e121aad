using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// The result of an operation: where every operator and function in Value.Operators.cs and Value.Functions.cs
// records its operands and their local derivatives.
public partial class Value
{
    // One operation's result: its one or two operands and ∂result/∂operand for each, computed in the forward pass
    // (and again by Recompute() after an input changed).
    private sealed class Node(double data, Operation op, Value a, double localA, Value? b, double localB) : Value(data, op)
    {
        public readonly Value A = a;
        public readonly Value? B = b;
        public double LocalA = localA;
        public double LocalB = localB; // for x^k with a constant k: the exponent k

        // Forward.Evaluate's second argument: operand b's data, or the constant exponent.
        public double SecondOperand => B is null ? LocalB : B._data;
    }

    // Makes the result of an operation from its operands and what Forward.cs computed for them. Under
    // Value.NoGrad() it is a plain leaf; in anomaly mode a NaN or ±∞ result stops here.
    // Optimized from the first call: a notebook host keeps hot paths at tier-0 JIT for most of a training loop (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Value Result(in Local local, Operation op, Value a, Value? b = null)
    {
        if (s_modes != 0 && Modes.Apply(local.Data, op, b is null ? [a] : [a, b], local.DB)) return new Value(local.Data);
        return new Node(local.Data, op, a, local.DA, b, local.DB);
    }
}
