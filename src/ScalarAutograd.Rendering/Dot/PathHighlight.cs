namespace ScalarAutograd.Rendering;

/// <summary>Which operand → result edges to highlight: every path from a value to the output, or the largest one.</summary>
internal static class PathHighlight
{
    public static HashSet<(Value Operand, Value Result)> Edges(Value output, GraphOptions options)
    {
        var edges = new HashSet<(Value, Value)>(EdgeComparer.Instance);
        if (options.HighlightFrom is { } from) AddAllPaths(output, from, edges);
        if (options.HighlightLargestContribution) AddLargestPath(output, edges);
        return edges;
    }

    // An edge is on a path from `from` to the output when both its ends depend on `from`.
    private static void AddAllPaths(Value output, Value from, HashSet<(Value, Value)> edges)
    {
        var dependsOnFrom = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        foreach (var v in output.TopologicalOrder()) // operands first, so each operand is decided before its results
        {
            if (ReferenceEquals(v, from) || v.Children.Any(dependsOnFrom.Contains)) dependsOnFrom.Add(v);
        }
        foreach (var v in dependsOnFrom)
        {
            foreach (var child in v.Children)
            {
                if (dependsOnFrom.Contains(child)) edges.Add((child, v));
            }
        }
    }

    private static void AddLargestPath(Value output, HashSet<(Value, Value)> edges)
    {
        for (var v = output; !v.IsLeaf;)
        {
            var children = v.Children;
            var locals = v.LocalDerivatives;
            var best = 0;
            for (var i = 1; i < children.Count; i++)
            {
                if (Math.Abs(locals[i] * v.Grad) > Math.Abs(locals[best] * v.Grad)) best = i;
            }
            edges.Add((children[best], v));
            v = children[best];
        }
    }

    private sealed class EdgeComparer : IEqualityComparer<(Value, Value)>
    {
        public static readonly EdgeComparer Instance = new();

        public bool Equals((Value, Value) x, (Value, Value) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Value, Value) e) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(e.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(e.Item2));
    }
}
