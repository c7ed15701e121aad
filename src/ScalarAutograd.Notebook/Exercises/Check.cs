using System.Globalization;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Checks the value class you write yourself against <see cref="Value"/>, one exercise per call:
/// <c>Check.Add&lt;MyValue&gt;()</c> at the end of a cell shows ✓ and what was checked, a "to do" note while the code
/// still throws <see cref="NotImplementedException"/>, or your graph with the first wrong value in a red box and
/// why ("b.grad: yours 6, expected −4; the * node passes b the other operand's data, a = 2, …").
/// </summary>
/// <remarks>
/// Each check builds small expressions — both operand orders, a value used twice, a number on either side, a result
/// used again, then seeded random ones — with your class and with the library, smallest first, and compares every
/// value's data and grad (to 1e−9, relative). Your class is reached by the lecture's names: a conversion from
/// <c>double</c>, the operators, <c>Pow(double)</c>, <c>Tanh()</c>, <c>Exp()</c>, a settable <c>Grad</c> and
/// <c>Label</c>, the closure <c>BackwardStep</c>, <c>TopologicalOrder()</c>, <c>Backward()</c> — only the ones the
/// check needs. Operation checks run your closures themselves (grad 1 at the output, then each <c>BackwardStep</c>
/// from the output back), so they work before you write <c>Backward()</c>.
/// </remarks>
public static class Check
{
    /// <summary><c>a + b</c>: its data and the grads its backward step passes on (accumulated with +=).</summary>
    public static CheckResult Add<T>() where T : IDrawableValue => Operations<T>("+", ["+"], 1);

    /// <summary><c>a * b</c>.</summary>
    public static CheckResult Multiply<T>() where T : IDrawableValue => Operations<T>("*", ["*"], 2);

    /// <summary><c>x.Pow(k)</c> for k = 2, 3 and −1.</summary>
    public static CheckResult Power<T>() where T : IDrawableValue => Operations<T>("Pow(k)", ["pow", "pow3", "pow-1"], 3);

    /// <summary><c>x.Tanh()</c>.</summary>
    public static CheckResult Tanh<T>() where T : IDrawableValue => Operations<T>("Tanh()", ["tanh"], 4);

    /// <summary><c>x.Exp()</c>.</summary>
    public static CheckResult Exp<T>() where T : IDrawableValue => Operations<T>("Exp()", ["exp"], 5);

    /// <summary><c>a - b</c> and <c>-a</c>.</summary>
    public static CheckResult Subtract<T>() where T : IDrawableValue =>
        AfterEarlier(Operations<T>("- (a - b and -a)", ["-", "neg"], 6), ("+", Add<T>), ("*", Multiply<T>));

    /// <summary><c>a / b</c>.</summary>
    public static CheckResult Divide<T>() where T : IDrawableValue =>
        AfterEarlier(Operations<T>("/", ["/"], 7), ("*", Multiply<T>), ("Pow(k)", Power<T>));

    /// <summary>
    /// Your <c>Backward()</c> on expressions mixing +, *, Pow(2) and Tanh(): grad 1 at the output, then every backward
    /// step in an order that puts each value after everything that uses it.
    /// </summary>
    public static CheckResult Backward<T>() where T : IDrawableValue =>
        AfterEarlier(Operations<T>("Backward()", ["+", "*", "tanh", "pow"], 8, learnersBackward: true, hand: false),
            ("+", Add<T>), ("*", Multiply<T>), ("Pow(k)", Power<T>), ("Tanh()", Tanh<T>), ("TopologicalOrder()", TopologicalOrder<T>));

    // An exercise built on earlier ones (a - b as a + (-1)·b, Backward() over the sort) fails when they do, and the red
    // box then sits on code that may be right: say which earlier checks fail, so the learner fixes those first.
    private static CheckResult AfterEarlier(CheckResult result, params (string Name, Func<CheckResult> Check)[] earlier)
    {
        if (result.Outcome is not (CheckOutcome.Wrong or CheckOutcome.Threw)) return result;
        var failing = earlier.Where(e => e.Check().Outcome is CheckOutcome.Wrong or CheckOutcome.Threw).Select(e => e.Name).ToList();
        if (failing.Count == 0) return result;
        var names = string.Join(", ", failing);
        return new CheckResult(result.Exercise, result.Outcome,
            $"{result.Summary} The check of {names} fails too: if yours is built on {(failing.Count == 1 ? "it" : "them")}, fix {(failing.Count == 1 ? "that" : "those")} first.",
            result.Caption, result.Picture);
    }

    /// <summary>
    /// Your <c>TopologicalOrder()</c>: every value of the graph once, each after the values it was made from.
    /// </summary>
    public static CheckResult TopologicalOrder<T>() where T : IDrawableValue
    {
        const string name = "TopologicalOrder()";
        var learner = new LearnerClass(typeof(T));
        var cases = Expressions.For(["+", "*"], 9, randomCount: 12);
        foreach (var @case in cases.Where(c => c.Root.Size > 0))
        {
            Comparison built;
            string? verdict;
            IDrawableValue? marked;
            try
            {
                built = new Comparison(learner, @case);
                (marked, verdict) = OrderProblem(built, learner.TopologicalOrder(built.Output.Mine));
            }
            catch (Exception e) when (IsToDo(e))
            {
                return ToDo<T>(name, e);
            }
            catch (Exception e)
            {
                return Threw<T>(name, @case, e);
            }
            if (verdict is not null) return Wrong<T>(name, built, @case, new Wrong(marked!, "✗ here", verdict));
        }
        return Pass<T>(name, cases.Where(c => c.Root.Size > 0).ToList(), "every value once, each after the values it was made from");
    }

    /// <summary>
    /// Your <c>Neuron</c>: <c>Check.Neuron(3, random =&gt; new Neuron(3, random))</c>. Its <c>Forward(inputs)</c> must
    /// give tanh(b + w1·x1 + … + wn·xn), and <c>Parameters()</c> list the weights, then the bias.
    /// </summary>
    public static CheckResult Neuron<TNeuron>(int inputs, Func<Random, TNeuron> make) =>
        NetworkCheck.Run("Neuron", inputs, [1], make, "a neuron computes tanh(b + w1·x1 + … + wn·xn), with your +, *, tanh and Backward(): if an earlier check still fails, fix that first");

    /// <summary>Your <c>Layer</c>: <c>Check.Layer(3, 4, random =&gt; new Layer(3, 4, random))</c>: every neuron on the same inputs.</summary>
    public static CheckResult Layer<TLayer>(int inputs, int outputs, Func<Random, TLayer> make) =>
        NetworkCheck.Run("Layer", inputs, [outputs], make, "each neuron of a layer sees all the inputs and gives one output");

    /// <summary>Your <c>MLP</c>: <c>Check.MLP(3, [4, 4, 1], random =&gt; new MLP(3, [4, 4, 1], random))</c>: layer after layer.</summary>
    public static CheckResult MLP<TMlp>(int inputs, int[] sizes, Func<Random, TMlp> make) =>
        NetworkCheck.Run("MLP", inputs, sizes, make, "each layer's outputs are the next layer's inputs");

    /// <summary>
    /// Runs your code and shows what it returns; while it still throws <see cref="NotImplementedException"/> (or
    /// needs a member your class does not have yet), shows a "to do" note instead of failing the cell.
    /// </summary>
    public static object Run<TResult>(Func<TResult> code)
    {
        ArgumentNullException.ThrowIfNull(code);
        try
        {
            return code() ?? (object)"(null)";
        }
        catch (Exception e) when (IsToDo(e))
        {
            return new CheckResult("this cell", CheckOutcome.ToDo, $"✎ To do: {What(e)}. This cell runs once that is written.");
        }
    }

    private static CheckResult Operations<T>(string name, string[] ops, int seed, bool learnersBackward = false, bool hand = true)
    {
        var learner = new LearnerClass(typeof(T));
        var cases = Expressions.For(ops, seed);
        foreach (var @case in cases)
        {
            Comparison built;
            Wrong? wrong;
            try
            {
                built = new Comparison(learner, @case);
                wrong = built.FirstWrongData() ?? built.FirstWrongGrad(learnersBackward);
            }
            catch (Exception e) when (IsToDo(e))
            {
                return ToDo<T>(name, e);
            }
            catch (Exception e)
            {
                return Threw<T>(name, @case, e);
            }
            if (wrong is not null) return Wrong<T>(name, built, @case, wrong);
        }
        return Pass<T>(name, cases, hand ? "every data and grad, your BackwardSteps run from the output back" : "every data and grad");
    }

    // Each problem a topological order can have, the first one found: a value twice, one missing, one too early.
    private static (IDrawableValue?, string?) OrderProblem(Comparison built, List<IDrawableValue> order)
    {
        string Name(IDrawableValue v) => v.Label ?? Comparison.N(v.Data);
        var all = Comparison.Topological(built.Output.Mine);
        var position = new Dictionary<IDrawableValue, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++)
        {
            if (!all.Contains(order[i], ReferenceEqualityComparer.Instance)) return (built.Output.Mine, $"your order holds a value that is not in this graph ({Name(order[i])})");
            if (!position.TryAdd(order[i], i)) return (order[i], $"{Name(order[i])} is in your order twice: visit each value once (remember the ones you have seen)");
        }
        if (all.FirstOrDefault(v => !position.ContainsKey(v)) is { } missing)
            return (missing, $"{Name(missing)} is missing from your order: it needs every value the output was made from");
        foreach (var v in order)
        {
            if (v.Operands.FirstOrDefault(o => position[o] > position[v]) is { } late)
                return (v, $"{Name(v)} comes before {Name(late)}, which it was made from: add a value after visiting its operands");
        }
        return (null, null);
    }

    private static bool IsToDo(Exception e) => e is NotImplementedException or MissingMemberException;

    // What is not written yet: the exception's own message when the learner gave one, else where it was thrown.
    internal static string What(Exception e)
    {
        if (e is MissingMemberException) return e.Message;
        if (e.Message != new NotImplementedException().Message) return e.Message;
        var method = e.TargetSite?.Name ?? "";
        var inner = System.Text.RegularExpressions.Regex.Match(method, "^<([^>]+)>");
        var at = inner.Success ? inner.Groups[1].Value : method;
        var op = at switch
        {
            "op_Addition" => "+",
            "op_Multiply" => "*",
            "op_Subtraction" => "-",
            "op_Division" => "/",
            "op_UnaryNegation" => "unary -",
            _ => at,
        };
        return $"{e.TargetSite?.DeclaringType?.Name}'s {op} still throws NotImplementedException";
    }

    private static CheckResult ToDo<T>(string name, Exception e) => new(name, CheckOutcome.ToDo,
        $"✎ {name} — to do: {What(e)}. Write it in the {typeof(T).Name} cell above, run that cell, then this one.");

    private static CheckResult Threw<T>(string name, Expressions.Case @case, Exception e) => new(name, CheckOutcome.Threw,
        $"✗ {name}: your {typeof(T).Name} threw {e.GetType().Name} on {@case.Root}{Inputs(@case)}: {e.Message}");

    private static CheckResult Wrong<T>(string name, Comparison built, Expressions.Case @case, Wrong wrong)
    {
        string? picture = null;
        try
        {
            picture = DrawableGraph.MarkedHtml(built.Output.Mine, v => ReferenceEquals(v, wrong.Value) ? wrong.Tag : null, wrong.Caption, NotebookFormatters.Options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            picture = $"<div>Graph not drawn: {System.Net.WebUtility.HtmlEncode(e.Message)}</div>";
        }
        return new CheckResult(name, CheckOutcome.Wrong,
            $"✗ {name}: your {typeof(T).Name} differs from ScalarAutograd.Value on {@case.Root}{Inputs(@case)}. The red box is the first wrong value:",
            wrong.Caption, picture);
    }

    private static CheckResult Pass<T>(string name, List<Expressions.Case> cases, string what)
    {
        var shown = string.Join(", ", cases.Take(6).Select(c => c.Root.ToString()));
        return new CheckResult(name, CheckOutcome.Passed,
            $"✓ {name}: your {typeof(T).Name} agrees with ScalarAutograd.Value on {cases.Count} expressions ({shown}, …): {what}.");
    }

    private static string Inputs(Expressions.Case @case)
    {
        var used = new HashSet<int>();
        void Visit(Expression e)
        {
            if (e is Input i) used.Add(i.Index);
            else if (e is Operation op) foreach (var a in op.Args) Visit(a);
        }
        Visit(@case.Root);
        return used.Count == 0 ? "" : " with " + string.Join(", ", used.Order().Select(i => $"{(char)('a' + i)} = {Comparison.N(@case.Inputs[i])}"));
    }
}
