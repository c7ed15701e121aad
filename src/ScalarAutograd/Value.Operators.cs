namespace ScalarAutograd;

// Arithmetic. Each operation is its forward value and, right beside it, the local derivative of the result with
// respect to each operand: exactly what backward multiplies by the result's gradient (the chain rule).
public partial class Value
{
    /// <summary>a + b. Local derivatives: ∂/∂a = 1, ∂/∂b = 1.</summary>
    public static Value operator +(Value a, Value b)
    {
        Check(a, b);
        return Result(a.Data + b.Data, Operation.Add, a, 1.0, b, 1.0);
    }

    /// <summary>a − b. Local derivatives: ∂/∂a = 1, ∂/∂b = −1.</summary>
    public static Value operator -(Value a, Value b)
    {
        Check(a, b);
        return Result(a.Data - b.Data, Operation.Subtract, a, 1.0, b, -1.0);
    }

    /// <summary>a · b. Local derivatives: ∂/∂a = b, ∂/∂b = a.</summary>
    public static Value operator *(Value a, Value b)
    {
        Check(a, b);
        return Result(a.Data * b.Data, Operation.Multiply, a, b.Data, b, a.Data);
    }

    /// <summary>a / b. Local derivatives: ∂/∂a = 1/b, ∂/∂b = −a/b².</summary>
    public static Value operator /(Value a, Value b)
    {
        Check(a, b);
        return Result(a.Data / b.Data, Operation.Divide, a, 1.0 / b.Data, b, -a.Data / (b.Data * b.Data));
    }

    /// <summary>−a. Local derivative: ∂/∂a = −1.</summary>
    public static Value operator -(Value a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Result(-a.Data, Operation.Negate, a, -1.0);
    }

    private static void Check(Value a, Value b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
    }
}
