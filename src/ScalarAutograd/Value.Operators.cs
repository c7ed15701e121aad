namespace ScalarAutograd;

// Arithmetic. Each operator records its operands; Forward.cs computes the result and, right beside it, the local
// derivative with respect to each operand: exactly what backward multiplies the result's gradient by.
public partial class Value
{
    /// <summary>a + b. Local derivatives: ∂/∂a = 1, ∂/∂b = 1.</summary>
    public static Value operator +(Value a, Value b) => Result(Operation.Add, a, Checked(b));

    /// <summary>a − b. Local derivatives: ∂/∂a = 1, ∂/∂b = −1.</summary>
    public static Value operator -(Value a, Value b) => Result(Operation.Subtract, a, Checked(b));

    /// <summary>a · b. Local derivatives: ∂/∂a = b, ∂/∂b = a.</summary>
    public static Value operator *(Value a, Value b) => Result(Operation.Multiply, a, Checked(b));

    /// <summary>a / b. Local derivatives: ∂/∂a = 1/b, ∂/∂b = −a/b².</summary>
    public static Value operator /(Value a, Value b) => Result(Operation.Divide, a, Checked(b));

    /// <summary>−a. Local derivative: ∂/∂a = −1.</summary>
    public static Value operator -(Value a) => Result(Operation.Negate, a);

    private static Value Checked(Value b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return b;
    }
}
