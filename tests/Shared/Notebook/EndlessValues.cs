using ScalarAutograd.Notebook;

namespace ScalarAutograd.Testing;

/// <summary>A learner's value class whose Operands are made anew on every read: a graph that never ends.</summary>
internal sealed class Endless(int depth) : IDrawableValue
{
    public double Data => depth;
    public double Grad => 0;
    public string? Label => null;
    public string? Op => "+";
    public IEnumerable<IDrawableValue> Operands => [new Endless(depth + 1), new Endless(depth + 1)];
}

/// <summary>A learner's value class whose Operands never stops enumerating (the same operand, forever).</summary>
internal sealed class Unending : IDrawableValue
{
    private static readonly Endless One = new(1);
    public double Data => 1;
    public double Grad => 0;
    public string? Label => "u";
    public string? Op => "Σ";

    public IEnumerable<IDrawableValue> Operands
    {
        get { while (true) yield return One; }
    }
}
