using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Reverse-mode differentiation: order the graph so every value comes after its operands, then walk that order
// backwards applying the chain rule. No recursion, so a graph a million levels deep is fine.
public partial class Value
{
    // Reused between calls on the same thread, so a training step allocates no traversal buffers.
    [ThreadStatic] private static List<Value>? t_order;
    [ThreadStatic] private static Frame[]? t_frames;

    // A value being explored and the index of its next operand to look at. An array of structs: advancing a frame
    // writes an int, not a reference (no GC write barrier), and storing one needs no array covariance check.
    private struct Frame
    {
        public Value Node;
        public int Next;
    }

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
    /// </remarks>
    public void Backward()
    {
        // Only this call's gradient flows through intermediates: the ordering pass zeroes them as it goes.
        var order = MarkTopologicalOrder(t_order ??= [], zeroIntermediateGrads: true, out var stale);
        try
        {
            if (stale) RecomputeInOrder(order); // an input changed since the graph was computed: forward pass first
            Grad = IsLeaf ? Grad + 1 : 1; // ∂this/∂this = 1
            ApplyChainRule(order);
        }
        catch
        {
            foreach (var v in order) v._visited = false; // anomaly mode stopped the pass: leave no value marked
            throw;
        }
        finally
        {
            order.Clear(); // don't keep the graph alive through the reused buffer
        }
    }

    // Every value's local backward, results before operands. Its own method so the hot loop carries no exception
    // handling (a loop counter live across a try is kept in memory: 194 -> 263 ms on a 10^7 chain).
    private static void ApplyChainRule(List<Value> order)
    {
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var v = order[i];
            v.LocalBackward();
            v._visited = false;
            if (s_modes != 0 && AnomaliesOn) Modes.CheckBackward(v);
        }
    }

    /// <summary>
    /// One step of the chain rule, for this value only: each operand's <see cref="Grad"/> += local derivative × this
    /// <see cref="Grad"/>. <see cref="Backward"/> calls it on every value in reverse topological order; call it
    /// yourself to do backprop by hand, node by node, as in the lecture.
    /// </summary>
    public void LocalBackward()
    {
        switch (_op)
        {
            case Operation.Leaf:
                return;
            case Operation.Sum:
                foreach (var term in Unsafe.As<SumNode>(this).Terms) term.Grad += Grad; // ∂Σ/∂term = 1
                return;
            default:
                var node = Unsafe.As<Node>(this); // the tag says what it is: only Result() makes a Node
                node.A.Grad += node.LocalA * Grad;
                if (node.B is not null) node.B.Grad += node.LocalB * Grad;
                return;
        }
    }

    /// <summary>Every value this one depends on, operands before results, ending with this value.</summary>
    public List<Value> TopologicalOrder()
    {
        var order = MarkTopologicalOrder([], zeroIntermediateGrads: false, out _);
        foreach (var v in order) v._visited = false;
        return order;
    }

    /// <summary>Sets <see cref="Grad"/> to 0 on this value and every value it depends on.</summary>
    public void ZeroGrad()
    {
        var order = MarkTopologicalOrder(t_order ??= [], zeroIntermediateGrads: false, out _);
        foreach (var v in order)
        {
            v.Grad = 0;
            v._visited = false;
        }
        order.Clear();
    }

    // Depth-first, post-order, operands in order: the order micrograd's recursive build_topo gives, with an
    // explicit stack instead of recursion. Every value in the order is left marked visited: the caller's own pass
    // over the order clears the marks (one pass fewer over memory than clearing them here). Stale: some operand
    // changed after a value computed from it (checked on every edge, where the operand is in cache anyway).
    private List<Value> MarkTopologicalOrder(List<Value> order, bool zeroIntermediateGrads, out bool stale)
    {
        var frames = t_frames ??= new Frame[64];
        var top = 0;
        var changed = false;
        order.Clear();
        try
        {
            _visited = true;
            frames[0] = new Frame { Node = this };
            while (top >= 0)
            {
                ref var frame = ref frames[top];
                var node = frame.Node;
                var i = frame.Next++;
                var child = node._op switch
                {
                    Operation.Leaf => null,
                    Operation.Sum => i < Unsafe.As<SumNode>(node).Terms.Length ? Unsafe.As<SumNode>(node).Terms[i] : null,
                    _ => i == 0 ? Unsafe.As<Node>(node).A : i == 1 ? Unsafe.As<Node>(node).B : null,
                };
                if (child is null)
                {
                    // All operands are ordered: this value comes next.
                    if (zeroIntermediateGrads && node._op != Operation.Leaf) node.Grad = 0;
                    order.Add(node);
                    top--;
                }
                else
                {
                    if (ChangedAfter(child, node)) changed = true;
                    if (child._visited) continue;
                    child._visited = true;
                    if (++top == frames.Length) t_frames = frames = Grow(frames);
                    frames[top] = new Frame { Node = child };
                }
            }
            stale = changed;
            return order;
        }
        catch
        {
            foreach (var v in order) v._visited = false;
            for (; top >= 0; top--) frames[top].Node._visited = false;
            throw;
        }
    }

    private static Frame[] Grow(Frame[] frames)
    {
        var bigger = new Frame[frames.Length * 2];
        frames.CopyTo(bigger, 0);
        return bigger;
    }
}
