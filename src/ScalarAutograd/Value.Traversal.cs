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

    // Reused between calls on the same thread, so a training step allocates no traversal buffers. Each buffer is a
    // list of fixed-size chunks: a huge graph's buffers grow by adding chunks, never by copying what is already there
    // (a 10⁷ chain needs 240 MB of them; grown by doubling and copying, 600 MB were written). Every slot is cleared as
    // soon as the walk is done with it, so the buffers never keep a graph alive. Chunks past the first few are only
    // weakly held afterwards: the next call reuses them if no full garbage collection came first (fresh memory costs
    // the 10⁷ chain 130 ms more), and the next full collection gives their memory back.
    private const int ChunkBits = 14;
    private const int ChunkLength = 1 << ChunkBits; // 16,384 slots: 128 KB of order, 256 KB of frames
    private const int KeptChunks = 8; // 3 MB at most, held for good: a 100,000-value graph (moons: 38,000) reuses them
    private const int LargeObjectSlots = 85_000 / 8 + 1;
    [ThreadStatic] private static Value[]?[]? t_order;
    [ThreadStatic] private static Frame[]?[]? t_frames;
    [ThreadStatic] private static WeakReference<Value[]?[]>? t_hugeOrder;
    [ThreadStatic] private static WeakReference<Frame[]?[]>? t_hugeFrames;

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
            for (var c = 0; c < ChunkCount(count); c++)
            {
                foreach (ref var v in Filled(order, c, count))
                {
                    list.Add(v);
                    v._visited = false;
                    v = null!;
                }
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
            for (var c = 0; c < ChunkCount(count); c++)
            {
                foreach (ref var v in Filled(order, c, count))
                {
                    v.Grad = 0;
                    v._visited = false;
                    v = null!;
                }
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
    // stack instead of recursion. Fills the thread's order chunks and returns how many values they hold; every value
    // in them is left marked visited, for the caller's own pass over the order to unmark (one pass fewer over memory).
    // Stale: some operand changed after a value computed from it (checked on every edge, where the operand is in
    // cache anyway). The caller holds s_walking.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Order(Walk walk, out Value[]?[] orderChunks, out bool stale)
    {
        orderChunks = Reuse(t_hugeOrder) ?? (t_order ??= new Value[]?[KeptChunks]);
        var frameChunks = Reuse(t_hugeFrames) ?? (t_frames ??= new Frame[]?[KeptChunks]);
        var withLeaves = walk == Walk.WithLeaves;
        stale = false;
        if (IsLeaf && !withLeaves) return 0;

        var order = Chunk(ref orderChunks, 0);
        var frames = Chunk(ref frameChunks, 0);
        int orderChunk = 0, n = 0; // the next value goes to order[n], in chunk number orderChunk
        int frameChunk = 0, top = 0; // the frame being explored is frames[top], in chunk number frameChunk
        var changed = false;
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
                    Operation.Dot => Unsafe.As<DotNode>(node).Operand(i),
                    _ => i == 0 ? Unsafe.As<Node>(node).A : i == 1 ? Unsafe.As<Node>(node).B : null,
                };
                if (child is null)
                {
                    // All operands are ordered: this value comes next.
                    if (walk == Walk.ResultsZeroingGrads) node.Grad = 0;
                    if (n == ChunkLength) (order, orderChunk, n) = (Chunk(ref orderChunks, orderChunk + 1), orderChunk + 1, 0);
                    order[n++] = node;
                    frame.Node = null!; // the stack keeps no value alive after the walk
                    if (--top < 0 && frameChunk > 0) (frames, frameChunk, top) = (frameChunks[frameChunk - 1]!, frameChunk - 1, ChunkLength - 1);
                }
                else
                {
                    if (ChangedAfter(child, node)) changed = true;
                    if (child._visited || (child._op == Operation.Leaf && !withLeaves)) continue;
                    if (top == ChunkLength - 1) (frames, frameChunk, top) = (Chunk(ref frameChunks, frameChunk + 1), frameChunk + 1, -1);
                    child._visited = true;
                    frames[++top] = new Frame { Node = child };
                }
            }
            stale = changed;
            return (orderChunk << ChunkBits) + n;
        }
        catch
        {
            // Out of memory for a new chunk: leave no value marked and no reference behind.
            Unmark(orderChunks, (orderChunk << ChunkBits) + n);
            for (var c = frameChunk; c >= 0; c--)
            {
                var chunk = frameChunks[c]!;
                for (var t = c == frameChunk ? top : ChunkLength - 1; t >= 0; t--)
                {
                    chunk[t].Node._visited = false;
                    chunk[t] = default;
                }
            }
            throw;
        }
        finally
        {
            (t_order, t_frames) = (orderChunks, frameChunks); // adding chunks may have replaced the lists
        }
    }

    // Chunk number c of a buffer, made (and the list of chunks lengthened) when a walk first reaches it. A lengthened
    // list is made large enough for the large-object heap: weakly held, it then survives until a full collection, as
    // its chunks do, instead of dying in the first gen0 collection and leaving them unreachable.
    private static T[] Chunk<T>(ref T[]?[] chunks, int c)
    {
        if (c == chunks.Length) Array.Resize(ref chunks, Math.Max(chunks.Length * 2, LargeObjectSlots));
        return chunks[c] ??= new T[ChunkLength];
    }

    // How many chunks an order of count values fills, and the filled part of chunk c.
    private static int ChunkCount(int count) => (count + ChunkLength - 1) >> ChunkBits;

    private static Span<Value> Filled(Value[]?[] order, int c, int count) =>
        order[c].AsSpan(0, Math.Min(count - (c << ChunkBits), ChunkLength));

    // After a failed pass: clears the marks and the buffer slots the walk left.
    private static void Unmark(Value[]?[] order, int count)
    {
        for (var c = 0; c < ChunkCount(count); c++)
        {
            foreach (ref var v in Filled(order, c, count))
            {
                if (v is null) continue; // already handled by the pass that failed
                v._visited = false;
                v = null!;
            }
        }
    }

    // Keeps the first KeptChunks of each buffer for good; a list that grew past them is held only weakly.
    private static void DropHugeBuffers()
    {
        t_order = KeepFirstChunks(t_order!, ref t_hugeOrder);
        t_frames = KeepFirstChunks(t_frames!, ref t_hugeFrames);
    }

    private static T[]?[] KeepFirstChunks<T>(T[]?[] chunks, ref WeakReference<T[]?[]>? huge)
    {
        if (chunks.Length == KeptChunks) return chunks;
        huge = new(chunks);
        return chunks[..KeptChunks];
    }

    private static T[]?[]? Reuse<T>(WeakReference<T[]?[]>? huge) => huge is not null && huge.TryGetTarget(out var chunks) ? chunks : null;

    /// <summary>Tests only: how many slots this thread's traversal buffers have, held or still weakly alive.</summary>
    internal static (int Order, int Frames) TraversalBufferLengthsForTests() =>
        (Slots(Reuse(t_hugeOrder) ?? t_order), Slots(Reuse(t_hugeFrames) ?? t_frames));

    private static int Slots<T>(T[]?[]? chunks) => chunks?.Count(c => c is not null) * ChunkLength ?? 0;
}
