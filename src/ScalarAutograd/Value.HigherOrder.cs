namespace ScalarAutograd;

// Derivatives as Values: the same chain rule as Backward(), but each local derivative is built from Value operations
// instead of a stored number, so the result is a graph of its own — and can be differentiated again.
public partial class Value
{
    /// <summary>
    /// ∂this/∂<paramref name="input"/> as a <see cref="Value"/> that is itself differentiable, like PyTorch's
    /// <c>torch.autograd.grad(…, create_graph=True)</c>: call <c>Derivative</c> on the result for a second
    /// derivative, and again for a third. Unlike <see cref="Backward"/>, no <see cref="Grad"/> is changed.
    /// </summary>
    /// <example><code>
    /// var x = new Value(3.0, "x");
    /// var f = 3 * x.Pow(2) - 4 * x + 5;
    /// var df = f.Derivative(x);    // 6x − 4 = 14
    /// var d2f = df.Derivative(x);  // 6
    /// </code></example>
    /// <exception cref="InvalidOperationException">Called inside <see cref="NoGrad"/> (see <see cref="Derivatives"/>).</exception>
    public Value Derivative(Value input) => Derivatives(input)[0];

    /// <summary>∂this/∂inputᵢ for each input, as differentiable values (0 where this does not depend on an input).</summary>
    /// <exception cref="InvalidOperationException">Called inside <see cref="NoGrad"/>: the derivative is a graph, which no-grad does not record.</exception>
    public Value[] Derivatives(params Value[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (s_modes != 0 && Scope.IsOn(noGrad: true))
        {
            throw new InvalidOperationException(
                "Derivative() builds the derivative as a graph, so that it can be differentiated again, and Value.NoGrad() records no graph: " +
                "call it outside the NoGrad scope (or, for numbers only, use Backward() and read Grad).");
        }
        var order = TopologicalOrder();
        if (IsStale(order)) Recompute(); // as Backward does: the formulas below read the current numbers
        var grads = new Dictionary<Value, Value>(ReferenceEqualityComparer.Instance) { [this] = new Value(1.0) };
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var v = order[i];
            if (v.IsLeaf || !grads.TryGetValue(v, out var g)) continue;
            var operands = v.Children;
            for (var k = 0; k < operands.Count; k++)
            {
                var contribution = v.LocalDerivativeValue(k) is { } local ? local * g : g; // null: the local derivative is 1
                grads[operands[k]] = grads.TryGetValue(operands[k], out var sum) ? sum + contribution : contribution;
            }
        }
        return [.. inputs.Select(x => grads.TryGetValue(x ?? throw new ArgumentNullException(nameof(inputs)), out var d) ? d : new Value(0.0))];
    }

    // ∂this/∂operand k, built from Values: the formulas of Forward.cs, with its IEEE care (exponent 0 has no slope; the
    // quotient rule as −(a/b)/b), so the value of each equals the number stored in the forward pass. Null for 1. The
    // graph's shape never depends on the numbers: a slope that branches on the data (ReLU's step, a^b's masks) is an
    // operation of its own, so an edited input recomputes it as a freshly built derivative would compute it.
    private Value? LocalDerivativeValue(int k)
    {
        if (_op == Operation.Sum) return null; // ∂Σ/∂term = 1
        if (this is DotNode dot) return k == dot.OperandCount - 1 ? null : (k & 1) == 0 ? dot.X[k >> 1] : dot.W[k >> 1]; // ∂(w·x)/∂w = x
        var (a, b, exponent) = (((Node)this).A, ((Node)this).B, ((Node)this).LocalB);
        return _op switch
        {
            Operation.Add => null,
            Operation.Subtract => k == 0 ? null : new Value(-1.0),
            Operation.Multiply => k == 0 ? b! : a,
            Operation.Divide => k == 0 ? 1.0 / b! : -this / b!,
            Operation.Negate => new Value(-1.0),
            Operation.PowConstant => exponent == 0 ? new Value(0.0) : exponent * a.Pow(exponent - 1), // k is fixed: no branch on data
            Operation.PowValue => k == 0 ? PowSlopeBase(a, b!) : PowSlopeExponent(a, b!),
            Operation.Exp => this,
            Operation.Log => 1.0 / a,
            Operation.Tanh => 1 - this * this,
            Operation.Relu => Result(Forward.ReluSlope(a._data), Operation.ReluSlope, a),
            Operation.Sigmoid => this * (1 - this),
            Operation.ReluSlope => new Value(0.0), // a step is flat wherever it is defined
            Operation.PowSlopeBase => k == 0 ? b! * PowSlopeBase(a, b! - 1) : a.Pow(b! - 1) + b! * PowSlopeExponent(a, b! - 1),
            Operation.PowSlopeExponent => k == 0 ? b! * PowSlopeExponent(a, b! - 1) + a.Pow(b! - 1) : this * a.Log(),
            _ => throw new NotSupportedException($"No differentiable local derivative for {Op}."),
        };
    }

    private static Value PowSlopeBase(Value a, Value b) => Result(Forward.PowSlopeBase(a._data, b._data), Operation.PowSlopeBase, a, b);

    private static Value PowSlopeExponent(Value a, Value b) => Result(Forward.PowSlopeExponent(a._data, b._data), Operation.PowSlopeExponent, a, b);
}
