using System.Globalization;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>
/// What changed between two pictures of the same graph, value by value: typically a <see cref="Value.Snapshot"/>
/// taken before an edit, and the graph after it. Pass <see cref="InBefore"/> / <see cref="InAfter"/> as
/// <see cref="GraphOptions.Changed"/> to mark them.
/// </summary>
public sealed class GraphChanges
{
    private GraphChanges(IReadOnlySet<Value> inBefore, IReadOnlySet<Value> inAfter, IReadOnlyList<string> lines)
    {
        InBefore = inBefore;
        InAfter = inAfter;
        Lines = lines;
    }

    /// <summary>The values of the before graph whose data or grad differ in the after graph.</summary>
    public IReadOnlySet<Value> InBefore { get; }

    /// <summary>The same values, in the after graph.</summary>
    public IReadOnlySet<Value> InAfter { get; }

    /// <summary>One line per change, e.g. <c>a: data 2 → 3</c> or <c>b: grad -4 → -6</c>, in topological order.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Compares two graphs of the same shape, value by value in topological order.</summary>
    /// <exception cref="ArgumentException">The graphs differ in shape: they are not two pictures of one graph.</exception>
    public static GraphChanges Between(Value before, Value after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.TopologicalOrder();
        var now = after.TopologicalOrder();
        if (old.Count != now.Count || !old.Select(v => v.Op).SequenceEqual(now.Select(v => v.Op)))
        {
            throw new ArgumentException(
                $"These are not two pictures of one graph: before has {old.Count} values, after {now.Count}, or their operations differ. " +
                "Take the before picture with after.Snapshot() just before you edit.", nameof(before));
        }
        var inBefore = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var inAfter = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var lines = new List<string>();
        for (var i = 0; i < old.Count; i++)
        {
            var name = Name(old[i], now[i]);
            var data = Difference("data", old[i].Data, now[i].Data);
            var grad = Difference("grad", old[i].Grad, now[i].Grad);
            if (data is null && grad is null) continue;
            inBefore.Add(old[i]);
            inAfter.Add(now[i]);
            lines.Add($"{name}: {string.Join(", ", new[] { data, grad }.OfType<string>())}");
        }
        return new GraphChanges(inBefore, inAfter, lines);
    }

    // As the backprop player names values: the label, else the expression that made it (a*b, tanh(n)), else, for an
    // unlabelled input, "leaf" and the number it held before.
    private static string Name(Value old, Value now) =>
        now.Label ?? old.Label ?? (old.IsLeaf ? $"leaf {Number(old.Data)}" : ChainRuleText.Name(old));

    private static string? Difference(string what, double old, double now) =>
        old.Equals(now) ? null : $"{what} {Number(old)} → {Number(now)}";

    private static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
