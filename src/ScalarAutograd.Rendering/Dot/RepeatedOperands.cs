using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// An operand one operation uses many times (a Σ of one value n times) is drawn with one edge marked "×n": n edges
/// between the same two nodes cost Graphviz as much as n values (10⁵ took seconds) and show nothing more. A value
/// used twice (<c>a + a</c>) keeps its two edges: the lecture's picture of grads that add up.
/// </summary>
internal static class RepeatedOperands
{
    /// <summary>From this many uses by one operation on, an operand gets one edge.</summary>
    public const int Collapse = 3;

    /// <summary>
    /// For each operand position, how many edges it stands for: n at the first use of an operand used n ≥
    /// <see cref="Collapse"/> times, 0 at its later uses (no edge), 1 elsewhere. Null when nothing repeats that often.
    /// <paramref name="ids"/>[i] is operand i's drawn id (−1: not drawn).
    /// </summary>
    public static int[]? Multiplicities(IReadOnlyList<int> ids)
    {
        if (ids.Count < Collapse) return null;
        var counts = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            if (id >= 0) counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        if (!counts.Values.Any(n => n >= Collapse)) return null;
        var multiplicities = new int[ids.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            var n = ids[i] < 0 ? 1 : counts[ids[i]];
            multiplicities[i] = n < Collapse ? 1 : seen.Add(ids[i]) ? n : 0;
        }
        return multiplicities;
    }

    /// <summary>An edge's attributes (" [..]" or "") with "×n" at its head added when it stands for n &gt; 1 uses.</summary>
    public static string Mark(string attributes, int n)
    {
        if (n <= 1) return attributes;
        var times = new StringBuilder(" headlabel=\"×").Append(n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Append("\" labelfontsize=10 penwidth=2").ToString();
        return attributes.Length == 0 ? $" [{times[1..]}]" : attributes[..^1] + times + "]";
    }
}
