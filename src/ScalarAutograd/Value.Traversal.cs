using System.Runtime.CompilerServices;

namespace ScalarAutograd;

// Walking a graph: the depth-first, post-order ordering that Backward(), ZeroGrad(), Recompute() and
// TopologicalOrder() share. No recursion, so a graph 10⁷ levels deep is fine.
public partial class Value
{
    // One walk at a time in the whole process. Graphs on different threads may share values (a model's parameters,
    // an intermediate both losses use): walks that marked the same values as visited, or added into the same grads,
    // at the same time would silently give wrong gradients. Serialized, each call is exactly what it would be alone;
    // building graphs (the forward pass, most of a training step) still runs in parallel. Uncontended, the lock
    // costs one atomic operation per call.
    private static readonly Lock s_walking = new();

    // Reused between calls on the same thread, so a training step allocates no traversal buffers. Every slot is
    // cleared as soon as the walk is done with it, so the buffers never keep a graph alive. Buffers grown for a huge
    // graph (a 10⁷ chain needs 240 MB of them) are only weakly held afterwards: the next call reuses them if no
    // garbage collection came first, and the next full collection gives their memory back.
    [ThreadStatic] private static Value[]? t_order;
    [ThreadStatic] private static Frame[]? t_frames;
    [ThreadStatic] private static WeakReference<Value[]>? t_hugeOrder;
    [ThreadStatic] private static WeakReference<Frame[]>? t_hugeFrames;
    private const int KeptBufferLength = 1 << 17; // 3 MB at most: a 100,000-value graph (moons: 37,000) reuses them

    // A value being explored and the index of its next operand to look at. An array of structs: advancing a frame
    // writes an int, not a reference (no GC write barrier), and storing one needs no array covariance check.
    private struct Frame
    {
        public Value Node;
        public int Next;
    }

    /// <summary>Every value this one depends on, operands before results, ending with this value.</summary>
    /// <remarks>Thread-safe: concurrent walks of graphs that share values take turns.</remarks>
    public List<Value> TopologicalOrder()
    {
        lock (s_walking)
        {
            var count = Order(Walk.WithLeaves, out var order, out _);
            var list = new List<Value>(count);
            for (var i = 0; i < count; i++)
            {
                list.Add(order[i]);
                order[i]._visited = false;
                order[i] = null!;
            }
            DropHugeBuffers();
            return list;
        }
    }

    /// <summary>Sets <see cref="Grad"/> to 0 on this value and every value it depends on.</summary>
    public void ZeroGrad()
    {
        lock (s_walking)
        {
            var count = Order(Walk.WithLeaves, out var order, out _);
            for (var i = 0; i < count; i++)
            {
                order[i].Grad = 0;
                order[i]._visited = false;
                order[i] = null!;
            }
            DropHugeBuffers();
        }
    }

    private enum Walk
    {
        WithLeaves,          // every value (TopologicalOrder, ZeroGrad)
        Results,             // operation results only: leaves have no local backward and nothing to recompute
        ResultsZeroingGrads, // the same, zeroing each result's grad on the way (Backward)
    }

    // Depth-first, post-order, operands in order: the order micrograd's recursive build_topo gives, with an explicit
    // stack instead of recursion. Fills the thread's order buffer and returns how many values it holds; every value
    // in it is left marked visited, for the caller's own pass over the order to unmark (one pass fewer over memory).
    // Stale: some operand changed after a value computed from it (checked on every edge, where the operand is in
    // cache anyway). The caller holds s_walking.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Order(Walk walk, out Value[] order, out bool stale)
    {
        order = t_order ??= Reuse(t_hugeOrder) ?? new Value[64];
        var frames = t_frames ??= Reuse(t_hugeFrames) ?? new Frame[64];
        var count = 0;
        var top = 0;
        var changed = false;
        var withLeaves = walk == Walk.WithLeaves;
        if (IsLeaf && !withLeaves)
        {
            stale = false;
            return 0;
        }
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
                    if (walk == Walk.ResultsZeroingGrads) node.Grad = 0;
                    if (count == order.Length) t_order = order = Grow(order);
                    order[count++] = node;
                    frame.Node = null!; // the stack keeps no value alive after the walk
                    top--;
                }
                else
                {
                    if (ChangedAfter(child, node)) changed = true;
                    if (child._visited || (child._op == Operation.Leaf && !withLeaves)) continue;
                    child._visited = true;
                    if (++top == frames.Length) t_frames = frames = Grow(frames);
                    frames[top] = new Frame { Node = child };
                }
            }
            stale = changed;
            return count;
        }
        catch
        {
            // Out of memory while growing a buffer: leave no value marked and no reference behind.
            Unmark(order, count);
            for (; top >= 0; top--)
            {
                frames[top].Node._visited = false;
                frames[top] = default;
            }
            throw;
        }
    }

    // After a failed pass: clears the marks and the buffer slots the walk left.
    private static void Unmark(Value[] order, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (order[i] is null) continue; // already handled by the pass that failed
            order[i]._visited = false;
            order[i] = null!;
        }
    }

    private static void DropHugeBuffers()
    {
        if (t_order!.Length > KeptBufferLength) (t_hugeOrder, t_order) = (new(t_order), null);
        if (t_frames!.Length > KeptBufferLength) (t_hugeFrames, t_frames) = (new(t_frames), null);
    }

    private static T[]? Reuse<T>(WeakReference<T[]>? huge) => huge is not null && huge.TryGetTarget(out var buffer) ? buffer : null;

    /// <summary>Tests only: the lengths of this thread's traversal buffers, held or still weakly alive (0 when none).</summary>
    internal static (int Order, int Frames) TraversalBufferLengthsForTests() =>
        (Math.Max(t_order?.Length ?? 0, Reuse(t_hugeOrder)?.Length ?? 0), Math.Max(t_frames?.Length ?? 0, Reuse(t_hugeFrames)?.Length ?? 0));

    private static T[] Grow<T>(T[] buffer)
    {
        var bigger = new T[buffer.Length * 2];
        buffer.CopyTo(bigger, 0);
        return bigger;
    }
}
