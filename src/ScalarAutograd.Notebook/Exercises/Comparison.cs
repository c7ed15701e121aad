using System.Globalization;

namespace ScalarAutograd.Notebook;

/// <summary>One value of a checked expression: the learner's, the library's, and its name in the picture.</summary>
internal sealed record Pair(Expression Expression, IDrawableValue Mine, Value Library, string Name);

/// <summary>The first value the learner's class got wrong, and why in one sentence.</summary>
internal sealed record Wrong(IDrawableValue Value, string Tag, string Caption);

/// <summary>
/// Builds one <see cref="Expressions.Case"/> with the learner's class and with <see cref="Value"/>, backpropagates
/// both, and finds the first value that differs: a data from the inputs onwards, then a grad from the output back —
/// so the first wrong grad is the one whose users all passed on the right grads, and the blame lies with what they
/// passed it. Relative agreement to 1e−9 (the learner's tanh may use another formula than the library's).
/// </summary>
internal sealed class Comparison
{
    private readonly List<Pair> _pairs = [];
    private readonly Dictionary<Expression, Pair> _byExpression = new(ReferenceEqualityComparer.Instance);

    public Comparison(LearnerClass learner, Expressions.Case @case)
    {
        Learner = learner;
        var next = 'd';
        Pair Build(Expression e)
        {
            if (_byExpression.TryGetValue(e, out var done)) return done;
            Pair pair;
            switch (e)
            {
                case Input input:
                    var name = input.ToString();
                    pair = new Pair(e, learner.Number(@case.Inputs[input.Index], name), new Value(@case.Inputs[input.Index], name), name);
                    break;
                case Number number:
                    pair = new Pair(e, learner.Number(number.Value), new Value(number.Value), number.ToString());
                    break;
                default:
                    var op = (Operation)e;
                    var args = op.Args.Select(Build).ToArray();
                    var label = (next++).ToString();
                    var mine = Expressions.IsBinary(op.Op) ? learner.Binary(op.Op, args[0].Mine, args[1].Mine) : learner.Unary(op.Op, args[0].Mine, op.K);
                    learner.SetLabel(mine, label);
                    pair = new Pair(e, mine, Library(op, [.. args.Select(p => p.Library)]), label);
                    pair.Library.Label = label;
                    break;
            }
            _byExpression[e] = pair;
            _pairs.Add(pair);
            return pair;
        }
        Output = Build(@case.Root);
    }

    public LearnerClass Learner { get; }

    public Pair Output { get; }

    public Expression Root => Output.Expression;

    /// <summary>The first value whose data differs, from the inputs on; null when all agree.</summary>
    public Wrong? FirstWrongData()
    {
        foreach (var pair in _pairs)
        {
            if (Close(pair.Mine.Data, pair.Library.Data)) continue;
            var formula = pair.Expression is Operation op ? $"the {Symbol(op)} node should compute {Formula(op)} = {N(pair.Library.Data)}" : "an input keeps its number";
            return new Wrong(pair.Mine, $"✗ expected {N(pair.Library.Data)}", $"{pair.Name}.data: yours {N(pair.Mine.Data)}, expected {N(pair.Library.Data)}; {formula}");
        }
        return null;
    }

    /// <summary>
    /// Backpropagates the library's graph, and the learner's by <paramref name="learnersBackward"/>: their own
    /// <c>Backward()</c>, or (before they have written it) grad 1 at the output and each value's own backward step
    /// in reverse topological order. Then the first value from the output back whose grad differs; null when all agree.
    /// </summary>
    public Wrong? FirstWrongGrad(bool learnersBackward)
    {
        Output.Library.Backward();
        if (learnersBackward) Learner.Backward(Output.Mine);
        else
        {
            Learner.SetGrad(Output.Mine, 1.0);
            var order = Topological(Output.Mine);
            for (var i = order.Count - 1; i >= 0; i--) Learner.BackwardStep(order[i]);
        }
        for (var i = _pairs.Count - 1; i >= 0; i--)
        {
            var pair = _pairs[i];
            if (Close(pair.Mine.Grad, pair.Library.Grad)) continue;
            return new Wrong(pair.Mine, $"✗ expected {N(pair.Library.Grad)}",
                $"{pair.Name}.grad: yours {N(pair.Mine.Grad)}, expected {N(pair.Library.Grad)}; {WhyGrad(pair)}");
        }
        return null;
    }

    /// <summary>Every value reachable from <paramref name="output"/>, each after the values it was made from (by reference).</summary>
    public static List<IDrawableValue> Topological(IDrawableValue output)
    {
        var order = new List<IDrawableValue>();
        var visited = new HashSet<IDrawableValue>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(IDrawableValue Value, bool Expanded)>();
        stack.Push((output, false));
        while (stack.Count > 0)
        {
            var (v, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(v);
                continue;
            }
            if (!visited.Add(v)) continue;
            stack.Push((v, true));
            foreach (var operand in (v.Operands ?? []).Reverse()) if (!visited.Contains(operand)) stack.Push((operand, false));
        }
        return order;
    }

    public IEnumerable<Pair> Pairs => _pairs;

    // What each user of the value passes it, by the chain rule, in the library's numbers.
    private string WhyGrad(Pair pair)
    {
        if (ReferenceEquals(pair, Output)) return "backward starts with grad 1 at the output";
        var uses = new List<string>();
        foreach (var user in _pairs)
        {
            if (user.Expression is not Operation op) continue;
            for (var i = 0; i < op.Args.Length; i++)
            {
                if (!ReferenceEquals(op.Args[i], pair.Expression)) continue;
                if (op.Op == "*" && ReferenceEquals(op.Args[0], op.Args[1]))
                {
                    uses.Add($"the * node {user.Name} uses {pair.Name} twice and passes it {pair.Name}'s own data, {N(pair.Library.Data)}, times {user.Name}'s grad {N(user.Library.Grad)} for each use");
                    break;
                }
                uses.Add(Passes(op, i, user, pair.Name));
            }
        }
        var count = _pairs.Sum(p => p.Expression is Operation op ? op.Args.Count(a => ReferenceEquals(a, pair.Expression)) : 0);
        var text = string.Join("; ", uses.Distinct());
        return count > 1 ? $"{text}; {pair.Name} is used {count} times, so its grad is the sum of what each use passes it (+=, not =)" : text;
    }

    private string Passes(Operation op, int i, Pair user, string name)
    {
        var g = N(user.Library.Grad);
        var args = op.Args.Select(a => _byExpression[a]).ToArray();
        string D(int j) => N(args[j].Library.Data);
        return op.Op switch
        {
            "+" => $"the + node {user.Name} passes {name} its own grad, {g}",
            "-" when i == 0 => $"the - node {user.Name} passes {name} its own grad, {g}",
            "-" => $"the - node {user.Name} passes {name} minus its grad, {N(-user.Library.Grad)}",
            "*" => $"the * node {user.Name} passes {name} the other operand's data, {args[1 - i].Name} = {D(1 - i)}, times its grad {g}",
            "/" when i == 0 => $"the / node {user.Name} passes {name} its grad divided by {args[1].Name} = {D(1)}",
            "/" => $"the / node {user.Name} passes {name} −{args[0].Name}/{args[1].Name}² = {N(-args[0].Library.Data / (args[1].Library.Data * args[1].Library.Data))} times its grad {g}",
            "neg" => $"the negation {user.Name} passes {name} minus its grad, {N(-user.Library.Grad)}",
            "pow" => $"the **{N(op.K)} node {user.Name} passes {name} {N(op.K)}·{name}^{N(op.K - 1)} = {N(op.K * Math.Pow(args[0].Library.Data, op.K - 1))} times its grad {g}",
            "tanh" => $"the tanh node {user.Name} passes {name} (1 − {user.Name}²) = {N(1 - user.Library.Data * user.Library.Data)} times its grad {g}",
            "exp" => $"the exp node {user.Name} passes {name} its own data, e^{name} = {N(user.Library.Data)}, times its grad {g}",
            _ => $"{user.Name} passes it on",
        };
    }

    private static Value Library(Operation op, Value[] args) => op.Op switch
    {
        "+" => args[0] + args[1],
        "*" => args[0] * args[1],
        "-" => args[0] - args[1],
        "/" => args[0] / args[1],
        "neg" => -args[0],
        "pow" => args[0].Pow(op.K),
        "tanh" => args[0].Tanh(),
        "exp" => args[0].Exp(),
        _ => throw new ArgumentException($"unknown operation {op.Op}", nameof(op)),
    };

    private string Formula(Operation op)
    {
        var names = op.Args.Select(a => _byExpression[a].Name).ToArray();
        return op.Op switch
        {
            "neg" => $"−{names[0]}",
            "pow" => $"{names[0]}^{N(op.K)}",
            "tanh" => $"tanh({names[0]})",
            "exp" => $"e^{names[0]}",
            _ => $"{names[0]} {op.Op} {names[1]}",
        };
    }

    private static string Symbol(Operation op) => op.Op switch { "neg" => "negation", "pow" => $"**{N(op.K)}", _ => op.Op };

    public static bool Close(double mine, double expected) =>
        mine.Equals(expected) || Math.Abs(mine - expected) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(mine), Math.Abs(expected)));

    /// <summary>A number for a caption: up to 6 significant digits, a real minus sign.</summary>
    public static string N(double x) => x.ToString("G6", CultureInfo.InvariantCulture).Replace('-', '−');
}
