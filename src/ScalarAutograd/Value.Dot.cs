using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// A neuron's weighted sum, Σ wᵢ·xᵢ + b, as one node (drawn as one oval, "Σw·x+b"). Products are 82% of an MLP's
// values; as one node, a training step builds, orders and collects a fifth of the objects, and the numbers are the
// same to the last bit as the products and Σ written out: the same sum in the same order, and backward adds into
// each operand in the order the written-out graph did (b at the Σ, then the products from the last to the first).
public partial class Value
{
    /// <summary>
    /// Σ wᵢ·xᵢ + b as one node (what <see cref="Nn.Neuron"/> computes). Local derivatives: ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ,
    /// ∂/∂b = 1. The arrays are kept, not copied: the caller must not change them afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Value Dot(Value[] w, Value[] x, Value b)
    {
        var total = 0.0;
        for (var i = 0; i < w.Length; i++)
            total += w[i]._data * (x[i] ?? throw new ArgumentNullException(nameof(x), $"The input at index {i} is null."))._data;
        total += b._data;
        if (s_modes != 0 && Modes.Apply(total, Operation.Dot, DotNode.Operands(w, x, b), 0)) return new Value(total);
        return new DotNode(total, w, x, b);
    }

    // The operands of Σ wᵢ·xᵢ + b in the order the written-out graph visits them: w₀, x₀, w₁, x₁, …, b.
    private sealed class DotNode(double data, Value[] w, Value[] x, Value b) : Value(data, Operation.Dot)
    {
        public readonly Value[] W = w;
        public readonly Value[] X = x;
        public readonly Value B = b;

        public int OperandCount => 2 * W.Length + 1;

        // Operand i (w₀, x₀, w₁, x₁, …, b), or null past the last: the ordering walk's question.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Value? Operand(int i) => i < 2 * W.Length ? ((i & 1) == 0 ? W[i >> 1] : X[i >> 1]) : i == 2 * W.Length ? B : null;

        // ∂(Σ wᵢ·xᵢ + b)/∂operand i: the other factor of its product, 1 for b.
        public double Local(int i) => i < 2 * W.Length ? ((i & 1) == 0 ? X[i >> 1]._data : W[i >> 1]._data) : 1;

        // Recompute(): the same sum, in the same order.
        public double Total()
        {
            var total = 0.0;
            for (var i = 0; i < W.Length; i++) total += W[i]._data * X[i]._data;
            return total + B._data;
        }

        // The chain rule, exactly as the written-out graph ran it: Σ gave b (and each product) its grad, then each
        // product, last first, gave its two factors theirs. A product's grad was 0 + Σ's (+0 for a −0), hence g0.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void ChainRule()
        {
            var g = Grad;
            B.Grad += g;
            var g0 = 0.0 + g;
            for (var i = W.Length - 1; i >= 0; i--)
            {
                var (w, x) = (W[i], X[i]);
                w.Grad += x._data * g0;
                x.Grad += w._data * g0;
            }
        }

        public static Value[] Operands(Value[] w, Value[] x, Value b)
        {
            var operands = new Value[2 * w.Length + 1];
            for (var i = 0; i < w.Length; i++) (operands[2 * i], operands[2 * i + 1]) = (w[i], x[i]);
            operands[^1] = b;
            return operands;
        }
    }
}
