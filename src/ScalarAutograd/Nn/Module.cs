namespace ScalarAutograd.Nn;

/// <summary>Anything with parameters: micrograd's <c>Module</c>.</summary>
public abstract class Module
{
    /// <summary>Every trainable value, in a stable order.</summary>
    public abstract IReadOnlyList<Value> Parameters();

    /// <summary>Sets every parameter's <see cref="Value.Grad"/> to 0: call it before each <c>Backward()</c>, since gradients accumulate.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = 0;
    }

    /// <summary>Throws when a size is not positive.</summary>
    protected static void RequirePositive(int size, string name)
    {
        if (size <= 0) throw new ArgumentException($"{name} must be at least 1 (got {size}).", name);
    }

    /// <summary>Throws when a forward call gets the wrong number of inputs.</summary>
    protected static void RequireInputs(IReadOnlyList<Value> x, int expected)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != expected)
            throw new ArgumentException($"Expected {expected} inputs but got {x.Count}.", nameof(x));
    }
}
