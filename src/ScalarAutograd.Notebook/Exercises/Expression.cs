using System.Globalization;

namespace ScalarAutograd.Notebook;

/// <summary>
/// An expression the checkers build twice, with the learner's class and with <see cref="Value"/>: an input (a, b,
/// c), a number, or an operation on earlier expressions. The same object used twice is one value used twice.
/// </summary>
internal abstract record Expression
{
    /// <summary>How many operations it has, each shared one counted once: the checkers try the smallest first.</summary>
    public int Size => Operations().Count;

    public List<Operation> Operations()
    {
        var seen = new HashSet<Expression>(ReferenceEqualityComparer.Instance);
        var list = new List<Operation>();
        void Visit(Expression e)
        {
            if (e is not Operation op || !seen.Add(e)) return;
            foreach (var arg in op.Args) Visit(arg);
            list.Add(op);
        }
        Visit(this);
        return list;
    }
}

/// <summary>Input number <see cref="Index"/>: a, b or c.</summary>
internal sealed record Input(int Index) : Expression
{
    public override string ToString() => ((char)('a' + Index)).ToString();
}

/// <summary>A number in the expression (<c>2 * a</c>): the learner's class makes it by its conversion from double.</summary>
internal sealed record Number(double Value) : Expression
{
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>An operation: <c>+ * - /</c> (two arguments), or <c>neg</c>, <c>pow</c> (with <see cref="K"/>), <c>tanh</c>, <c>exp</c>.</summary>
internal sealed record Operation(string Op, Expression[] Args, double K = 0) : Expression
{
    public bool Equals(Operation? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => Op switch
    {
        "neg" => $"-{Inner(Args[0])}",
        "pow" => $"{Inner(Args[0])}.Pow({K.ToString("G6", CultureInfo.InvariantCulture)})",
        "tanh" => $"{Inner(Args[0])}.Tanh()",
        "exp" => $"{Inner(Args[0])}.Exp()",
        _ => $"{Inner(Args[0])} {Op} {Inner(Args[1])}",
    };

    private static string Inner(Expression e) => e is Operation { Op: "+" or "*" or "-" or "/" or "neg" } ? $"({e})" : e.ToString();
}

/// <summary>
/// A small seeded generator of test expressions for one or more operations: first the hand-picked smallest cases
/// (both operand orders, a value used twice, a number on either side, a result used again), then random ones that
/// reuse earlier values, all ordered smallest first. Inputs are a = 2, b = −3, c = 0.5, or random non-zero values.
/// </summary>
internal static class Expressions
{
    public static readonly double[] LectureInputs = [2.0, -3.0, 0.5];

    /// <summary>One expression and its inputs' values.</summary>
    public sealed record Case(Expression Root, double[] Inputs);

    public static List<Case> For(string[] ops, int seed, int randomCount = 16)
    {
        var cases = new List<Case>();
        Expression a = new Input(0), b = new Input(1), c = new Input(2), three = new Number(3);
        foreach (var op in ops)
        {
            if (IsBinary(op))
            {
                var ab = Make(op, a, b);
                cases.AddRange(new[] { ab, Make(op, b, a), Make(op, a, a), Make(op, a, three), Make(op, three, a),
                    Make(op, ab, c), Make(op, ab, a), Make(op, b, ab), Make(op, ab, ab) }.Select(e => new Case(e, LectureInputs)));
            }
            else
            {
                var ua = Make(op, a);
                cases.AddRange(new[] { ua, Make(op, c), Make(op, ua), Make(op, three) }.Select(e => new Case(e, LectureInputs)));
                if (op != "pow") cases.Add(new Case(Make(op, b), LectureInputs));
                cases.Add(new Case(new Operation("+", [ua, Make(op, a)]), LectureInputs)); // a used by two of them
            }
        }
        var random = new Random(seed);
        for (var i = 0; i < randomCount; i++) cases.Add(RandomCase(ops, random, 2 + i % 5));
        return [.. cases.Select((c, i) => (c, i)).OrderBy(p => p.c.Root.Size).ThenBy(p => p.i).Select(p => p.c)];
    }

    private static Case RandomCase(string[] ops, Random random, int steps)
    {
        var inputs = Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 2 - 1) * 2, 1) is var x && x != 0 ? x : 0.7).ToArray();
        var pool = new List<Expression> { new Input(0), new Input(1), new Input(2) };
        for (var s = 0; s < steps; s++)
        {
            var op = ops[random.Next(ops.Length)];
            Expression Pick() => random.Next(6) == 0 ? new Number(Math.Round(random.NextDouble() * 3 + 0.5, 1)) : pool[random.Next(pool.Count)];
            var left = s == 0 ? pool[random.Next(3)] : pool[^1]; // keep one chain, so the last value uses them all
            // A divisor or a power of 0.5 needs a value known not to be 0 or negative: an input's or a number.
            pool.Add(op switch
            {
                "/" => Make(op, left, random.Next(2) == 0 ? pool[random.Next(3)] : new Number(Math.Round(random.NextDouble() * 3 + 0.5, 1))),
                _ when IsBinary(op) => random.Next(2) == 0 ? Make(op, left, Pick()) : Make(op, Pick(), left),
                _ => Make(op, left),
            });
        }
        return new Case(pool[^1], inputs);
    }

    public static bool IsBinary(string op) => op is "+" or "*" or "-" or "/";

    private static Operation Make(string op, params Expression[] args) => op switch
    {
        "pow" => new Operation("pow", args, 2),
        "pow3" => new Operation("pow", args, 3),
        "pow-1" => new Operation("pow", args, -1),
        _ => new Operation(op, args),
    };
}
