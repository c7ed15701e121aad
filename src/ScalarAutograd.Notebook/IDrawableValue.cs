namespace ScalarAutograd.Notebook;

/// <summary>
/// A value of a class you write yourself — the one you build in <c>ScalarDerivative.dib</c> — that a cell draws as a
/// computation graph exactly as it draws <see cref="Value"/>: implement these five members, end a cell with your
/// object, and it shows its graph (a box per value: label | data | grad, an oval per operation).
/// </summary>
/// <remarks>
/// The drawing reads these members and nothing else (no reflection), once per drawing. Your own names can differ:
/// implement a member explicitly, e.g. <c>IEnumerable&lt;IDrawableValue&gt; IDrawableValue.Operands =&gt; _prev;</c>.
/// </remarks>
public interface IDrawableValue
{
    /// <summary>The number this value holds.</summary>
    double Data { get; }

    /// <summary>Its gradient.</summary>
    double Grad { get; }

    /// <summary>A name to show in the box, or null.</summary>
    string? Label { get; }

    /// <summary>The operation that made it (<c>+</c>, <c>*</c>, <c>tanh</c>); empty or null for an input.</summary>
    string? Op { get; }

    /// <summary>The values it was computed from, in order; empty for an input. <c>a + a</c> lists <c>a</c> twice.</summary>
    IEnumerable<IDrawableValue> Operands { get; }
}
