using System.Collections;
using System.Reflection;

namespace ScalarAutograd.Notebook;

/// <summary>A member the checker needs is missing from the learner's class: the message says what to add.</summary>
internal sealed class MissingMemberException(string message) : Exception(message);

/// <summary>
/// The learner's own value class, reached through the lecture's names: the conversion from a number (or a
/// constructor taking one), <c>+ * - /</c> and unary <c>-</c>, <c>Pow(double)</c>, <c>Tanh()</c>, <c>Exp()</c>, the
/// settable <c>Grad</c> and <c>Label</c>, the closure <c>BackwardStep</c> (micrograd's <c>_backward</c>),
/// <c>TopologicalOrder()</c> and <c>Backward()</c>. Looked up by reflection on the type the cell names, so a checker
/// cell compiled after the class cell re-ran reaches the new class, and the learner writes no adapter code.
/// Exceptions from the learner's code pass through unwrapped.
/// </summary>
internal sealed class LearnerClass(Type type)
{
    public Type Type { get; } = type;

    private string Name => Type.Name;

    public IDrawableValue Number(double x, string? label = null)
    {
        var conversion = Type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == "op_Implicit" && m.ReturnType == Type && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(double));
        object? made = null;
        if (conversion is not null) made = Call(conversion, null, x);
        else
        {
            var constructor = Type.GetConstructors().FirstOrDefault(c => c.GetParameters() is [{ ParameterType: var p }, ..] rest
                && p == typeof(double) && rest.Skip(1).All(q => q.HasDefaultValue))
                ?? throw new MissingMemberException($"{Name} needs `public static implicit operator {Name}(double number)` (or a constructor that takes just a number), so a number can stand on either side: `2 * x`.");
            made = Invoke(() => constructor.Invoke(BindingFlags.DoNotWrapExceptions, null,
                [x, .. constructor.GetParameters().Skip(1).Select(q => q.DefaultValue)], null));
        }
        var value = As(made, "converting a number");
        if (label is not null) SetLabel(value, label);
        return value;
    }

    public IDrawableValue Binary(string op, IDrawableValue a, IDrawableValue b)
    {
        var (name, text) = op switch
        {
            "+" => ("op_Addition", "+"),
            "*" => ("op_Multiply", "*"),
            "-" => ("op_Subtraction", "-"),
            "/" => ("op_Division", "/"),
            _ => throw new ArgumentException($"unknown operation {op}", nameof(op)),
        };
        var method = Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [Type, Type])
            ?? throw new MissingMemberException($"{Name} has no `public static {Name} operator {text}({Name} a, {Name} b)`.");
        return As(Call(method, null, a, b), $"a {text} b");
    }

    public IDrawableValue Unary(string op, IDrawableValue x, double k = 0) => op switch
    {
        "neg" => As(Call(Type.GetMethod("op_UnaryNegation", BindingFlags.Public | BindingFlags.Static, [Type])
            ?? throw new MissingMemberException($"{Name} has no `public static {Name} operator -({Name} a)` (negation, −a)."), null, x), "-a"),
        "pow" => As(Call(Instance("Pow", $"public {Name} Pow(double k)", typeof(double)), x, k), "Pow(k)"),
        "tanh" => As(Call(Instance("Tanh", $"public {Name} Tanh()"), x), "Tanh()"),
        "exp" => As(Call(Instance("Exp", $"public {Name} Exp()"), x), "Exp()"),
        _ => throw new ArgumentException($"unknown operation {op}", nameof(op)),
    };

    public void SetGrad(IDrawableValue v, double grad) => Setter("Grad", "public double Grad { get; set; }").SetValue(v, grad);

    public void SetLabel(IDrawableValue v, string label)
    {
        var property = Type.GetProperty("Label", BindingFlags.Public | BindingFlags.Instance);
        if (property?.CanWrite == true && property.PropertyType == typeof(string)) property.SetValue(v, label);
    }

    /// <summary>Runs one value's own backward step: its <c>BackwardStep</c> (or <c>_backward</c>) closure.</summary>
    public void BackwardStep(IDrawableValue v)
    {
        var step = Type.GetProperty("BackwardStep")?.GetValue(v) ?? Type.GetField("BackwardStep")?.GetValue(v)
            ?? Type.GetProperty("_backward")?.GetValue(v) ?? Type.GetField("_backward")?.GetValue(v);
        if (step is Action action) action();
        else if (Type.GetProperty("BackwardStep") is null && Type.GetField("BackwardStep") is null)
            throw new MissingMemberException($"{Name} needs `public Action BackwardStep {{ get; set; }}`: the closure each operation leaves behind to pass its grad on.");
    }

    public void Backward(IDrawableValue output) => Call(Instance("Backward", "public void Backward()"), output);

    public List<IDrawableValue> TopologicalOrder(IDrawableValue output)
    {
        var list = Call(Instance("TopologicalOrder", $"public List<{Name}> TopologicalOrder()"), output) as IEnumerable
            ?? throw new InvalidOperationException("TopologicalOrder() returned null: it must return the list of values.");
        return [.. list.Cast<object?>().Select(o => As(o, "TopologicalOrder()"))];
    }

    private MethodInfo Instance(string name, string signature, params Type[] parameters) =>
        Type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
        ?? throw new MissingMemberException($"{Name} has no `{signature}`.");

    private PropertyInfo Setter(string name, string signature) =>
        Type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } p ? p
        : throw new MissingMemberException($"{Name} needs a settable `{signature}`.");

    private IDrawableValue As(object? made, string what) => made as IDrawableValue
        ?? throw new InvalidOperationException(made is null ? $"{what} returned null." : $"{what} returned a {made.GetType().Name}, not a {Name}.");

    private static object? Call(MethodInfo method, object? target, params object?[] args) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, args, null);

    private static object? Invoke(Func<object?> f) => f();
}
