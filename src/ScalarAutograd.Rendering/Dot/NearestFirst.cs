namespace ScalarAutograd.Rendering;

/// <summary>
/// The values a drawing shows: breadth-first from the output, operands in order, so ids follow this order and the
/// same graph gives the same DOT. The walk stops early: it keeps the first <c>shown</c> values and only counts the
/// rest up to a limit, so drawing 800 values of a 10⁷-value graph never visits all of it.
/// </summary>
internal sealed class NearestFirst
{
    private readonly int[] _firstUser;    // for each shown value: the id of the value whose operand it first was (−1: the output)
    private readonly int[] _firstOperand; // … and which operand of it

    private NearestFirst(List<Value> values, int[] firstUser, int[] firstOperand, int more, bool counted)
    {
        Values = values;
        _firstUser = firstUser;
        _firstOperand = firstOperand;
        More = more;
        Counted = counted;
    }

    /// <summary>The values to draw, nearest the output first.</summary>
    public List<Value> Values { get; }

    /// <summary>How many values the graph has beyond <see cref="Values"/> (at least this many when not <see cref="Counted"/>).</summary>
    public int More { get; }

    /// <summary>Whether <see cref="More"/> is exact: the walk reached every value before its count limit.</summary>
    public bool Counted { get; }

    /// <summary>Whether operand <paramref name="operand"/> of value <paramref name="user"/> is where value <paramref name="id"/> was first reached.</summary>
    public bool IsFirstUse(int id, int user, int operand) => _firstUser[id] == user && _firstOperand[id] == operand;

    public static NearestFirst Walk(Value output, int shown, int countLimit)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance) { output };
        var order = new List<Value> { output };
        var firstUser = new List<int> { -1 };
        var firstOperand = new List<int> { -1 };
        var limit = Math.Max(shown, countLimit);
        for (var next = 0; next < order.Count && order.Count < limit; next++)
        {
            var children = order[next].Children;
            for (var i = 0; i < children.Count && order.Count < limit; i++)
            {
                if (!seen.Add(children[i])) continue;
                order.Add(children[i]);
                if (order.Count <= shown)
                {
                    firstUser.Add(next);
                    firstOperand.Add(i);
                }
            }
        }
        // The walk ended by itself only if it stopped below the limit; reaching the limit exactly may still be all.
        var counted = order.Count < limit || IsComplete(order, seen);
        var values = order.Count > shown ? order.GetRange(0, shown) : order;
        return new NearestFirst(values, [.. firstUser], [.. firstOperand], order.Count - values.Count, counted);
    }

    // At the limit: complete only if no value reached has an operand not yet seen (checked without growing the walk).
    private static bool IsComplete(List<Value> order, HashSet<Value> seen)
    {
        foreach (var v in order)
        {
            foreach (var child in v.Children)
            {
                if (!seen.Contains(child)) return false;
            }
        }
        return true;
    }
}
