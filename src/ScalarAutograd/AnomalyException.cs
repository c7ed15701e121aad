using System.Globalization;

namespace ScalarAutograd;

/// <summary>
/// Anomaly detection (<see cref="Value.DetectAnomalies"/>) found the first NaN or ±∞: the message names the
/// operation, its operands' labels and values, and the path to the nearest labelled values.
/// </summary>
public sealed class AnomalyException : ArithmeticException
{
    private AnomalyException(string message, string operation, bool inBackward) : base(message)
    {
        Operation = operation;
        InBackward = inBackward;
    }

    /// <summary>The operation that produced the NaN or ±∞, e.g. <c>Log</c> or <c>Pow (^-1)</c>.</summary>
    public string Operation { get; }

    /// <summary>True when it appeared in <see cref="Value.Backward"/>, false when in the forward pass.</summary>
    public bool InBackward { get; }

    internal static AnomalyException Forward(double result, string operation, IReadOnlyList<Value> operands)
    {
        var of = string.Join(" and ", operands.Select(Describe));
        var message = $"{operation} of {of} produced {Name(result)} in the forward pass.{Trail(operands)} " +
                      "Check the inputs there, or the operation's domain.";
        return new AnomalyException(message, operation, inBackward: false);
    }

    internal static AnomalyException Backward(Value node, string operation, Value operand, double local)
    {
        var message = $"In backward, {operation} (= {Number(node.Data)}, grad {Number(node.Grad)}) passed {Name(operand.Grad)} " +
                      $"to its operand {Describe(operand)}: local derivative {Number(local)} × grad {Number(node.Grad)}.{Trail([operand])}";
        return new AnomalyException(message, operation, inBackward: true);
    }

    private static string Describe(Value v) => v.Label is { } label
        ? $"{Number(v.Data)} at '{label}'"
        : v.IsLeaf ? $"the constant {Number(v.Data)}" : $"{Number(v.Data)} (from {v.Op})";

    // For unlabelled operands: the nearest labelled values below them, and the operations on the way up.
    private static string Trail(IReadOnlyList<Value> operands)
    {
        var paths = operands.Where(o => o.Label is null && !o.IsLeaf).SelectMany(NearestLabelled).Distinct().Take(4).ToList();
        return paths.Count == 0 ? "" : $" Nearest labelled values: {string.Join("; ", paths)}.";
    }

    private static IEnumerable<string> NearestLabelled(Value start)
    {
        var parent = new Dictionary<Value, Value?>(ReferenceEqualityComparer.Instance) { [start] = null };
        var queue = new Queue<Value>([start]);
        var found = new List<string>();
        while (queue.Count > 0 && parent.Count < 10_000 && found.Count < 4)
        {
            var v = queue.Dequeue();
            if (v.Label is not null)
            {
                var path = new List<string> { $"'{v.Label}'" };
                for (var up = parent[v]; up is not null; up = parent[up]) path.Add(up.Op);
                found.Add(string.Join(" → ", path));
                continue;
            }
            foreach (var child in v.Children)
            {
                if (parent.TryAdd(child, v)) queue.Enqueue(child);
            }
        }
        return found;
    }

    private static string Name(double x) => double.IsNaN(x) ? "NaN" : x > 0 ? "+∞" : "-∞";

    private static string Number(double x) => double.IsFinite(x) ? x.ToString("G6", CultureInfo.InvariantCulture) : Name(x);
}
