using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Reverse-mode differentiation: order the graph so every value comes after its operands (Value.Traversal.cs), then
// walk that order backwards applying the chain rule.
public partial class Value
{
    /// <summary>
    /// Fills in <see cref="Grad"/> for every value this one depends on: ∂this/∂value, by the chain rule in reverse
    /// topological order.
    /// </summary>
    /// <remarks>
    /// Gradients <b>accumulate</b> on leaves (inputs and parameters), as in micrograd and PyTorch: a second call adds
    /// the same gradients again, and a value used twice receives from both paths. Reset them between steps with
    /// <see cref="ZeroGrad"/> (or <c>model.ZeroGrad()</c>). Intermediate values show the gradient of the latest call.
    /// The order is deterministic (operands in order), so the same code gives the same numbers on every run.
    /// If a leaf's <see cref="Data"/> was set after values that depend on it were computed, Backward first runs
    /// <see cref="Recompute"/>, so data, local derivatives and gradients always belong together.
    /// Thread-safe: graphs on different threads may share leaves and intermediates; their Backward() calls take
    /// turns, so each adds exactly its own gradients.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward()
    {
        lock (s_walking)
        {
            // Only this call's gradient flows through intermediates: the ordering pass zeroes them as it goes.
            var count = Order(Walk.ResultsZeroingGrads, out var order, out var stale);
            try
            {
                if (stale) RecomputeInOrder(order, count); // an input changed since the graph was computed
                Grad = IsLeaf ? Grad + 1 : 1; // ∂this/∂this = 1
                ApplyChainRule(order, count);
            }
            catch
            {
                Unmark(order, count); // anomaly mode stopped the pass: leave no value marked
                throw;
            }
            finally
            {
                DropHugeBuffers();
            }
        }
    }

    // Every value's local backward, results before operands, unmarking each and clearing its buffer slot. Its own
    // method so the hot loop carries no exception handling (a loop counter live across a try is kept in memory:
    // 194 -> 263 ms on a 10^7 chain).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ApplyChainRule(Value[]?[] order, int count)
    {
        for (var c = ChunkCount(count) - 1; c >= 0; c--)
        {
            var chunk = Filled(order, c, count);
            for (var i = chunk.Length - 1; i >= 0; i--)
            {
                var v = chunk[i];
                v.LocalBackward();
                v._visited = false;
                chunk[i] = null!;
                if (s_modes != 0 && AnomaliesOn) Modes.CheckBackward(v);
            }
        }
    }

    /// <summary>
    /// One step of the chain rule, for this value only: each operand's <see cref="Grad"/> += local derivative × this
    /// <see cref="Grad"/>. <see cref="Backward"/> calls it on every value in reverse topological order; call it
    /// yourself to do backprop by hand, node by node, as in the lecture.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void LocalBackward()
    {
        switch (_op)
        {
            case Operation.Leaf:
                return;
            case Operation.Sum:
                foreach (var term in Unsafe.As<SumNode>(this).Terms) term.Grad += Grad; // ∂Σ/∂term = 1
                return;
            case Operation.Dot:
                Unsafe.As<DotNode>(this).ChainRule(); // Σ wᵢ·xᵢ + b: wᵢ gets xᵢ·Grad, xᵢ gets wᵢ·Grad, b gets Grad
                return;
            default:
                var node = Unsafe.As<Node>(this); // the tag says what it is: only Result() makes a Node
                node.A.Grad += node.LocalA * Grad;
                if (node.B is not null) node.B.Grad += node.LocalB * Grad;
                return;
        }
    }
}
