using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Arithmetic. Each operator records its operands and what Forward.cs computes for them: the result and, right beside
// it, the local derivative with respect to each operand, exactly what backward multiplies the result's gradient by.
public partial class Value
{
    /// <summary>a + b. Local derivatives: ∂/∂a = 1, ∂/∂b = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value operator +(Value a, Value b)
    {
        Check(a, b);
        return Result(Forward.Add(a._data, b._data), Operation.Add, a, b);
    }

    /// <summary>a − b. Local derivatives: ∂/∂a = 1, ∂/∂b = −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value operator -(Value a, Value b)
    {
        Check(a, b);
        return Result(Forward.Subtract(a._data, b._data), Operation.Subtract, a, b);
    }

    /// <summary>a · b. Local derivatives: ∂/∂a = b, ∂/∂b = a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value operator *(Value a, Value b)
    {
        Check(a, b);
        return Result(Forward.Multiply(a._data, b._data), Operation.Multiply, a, b);
    }

    /// <summary>a / b. Local derivatives: ∂/∂a = 1/b, ∂/∂b = −a/b².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Value operator /(Value a, Value b)
    {
        Check(a, b);
        return Result(Forward.Divide(a._data, b._data), Operation.Divide, a, b);
    }

    /// <summary>−a. Local derivative: ∂/∂a = −1.</summary>
    public static Value operator -(Value a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Result(Forward.Negate(a._data), Operation.Negate, a);
    }

    private static void Check(Value a, Value b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
    }
}
