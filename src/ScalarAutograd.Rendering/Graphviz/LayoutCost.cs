namespace ScalarAutograd.Rendering;

/// <summary>
/// How hard a graph is for Graphviz's <c>dot</c> layout, estimated before laying it out. dot puts every node on a rank
/// and breaks each edge that spans k ranks into k − 1 invisible "virtual" nodes; its network simplex and crossing
/// minimisation then work on all of them. A value reused far from where it was made (<c>v = v + x</c> with the same
/// <c>x</c> at every step, a Horner loop) gives long edges: their virtual nodes grow with the square of the graph, and
/// so does the time — far worse than linearly. Measured with <c>dot</c> 2.43 on this project's 2-core machine:
/// <code>
///   shape (values)           virtual nodes   layout
///   reused-leaf chain (51)         600        0.04 s
///   reused-leaf chain (101)      2,450        0.69 s
///   reused-leaf chain (141)      4,830        6.6  s
///   Horner loop (201)            3,120        1.6  s
///   Horner loop (251)            4,900       12    s
///   random DAG (259)             4,850        1.1  s
///   random DAG (427)            12,990        8.8  s
///   wide Σ (1,601)                   0        0.37 s
///   deep chain (1,334)               0        0.16 s
/// </code>
/// </summary>
/// <param name="Nodes">Nodes in the graph.</param>
/// <param name="Edges">Edges in the graph.</param>
/// <param name="VirtualNodes">dot's virtual nodes, with ranks by longest path to a sink; <see cref="long.MaxValue"/> for a cycle.</param>
internal readonly record struct LayoutCost(int Nodes, int Edges, long VirtualNodes)
{
    /// <summary>At most this many virtual nodes lay out in well under a second (0.1–0.3 s measured at 1,000–1,700).</summary>
    public const long CheapVirtualNodes = 1_000;

    /// <summary>At most this many nodes plus edges: an 800-term Σ (3,200) takes 0.37 s, a 1,334-value chain 0.16 s.</summary>
    public const int CheapSize = 6_000;

    /// <summary>Beyond this many virtual nodes dot took over a second in every shape measured (1.1–12 s at 4,830–4,900).</summary>
    public const long HopelessVirtualNodes = 4_000;

    /// <summary>
    /// The largest simplified drawing (a tree) to lay out once the budget is half spent: a tree of 4,000 nodes plus
    /// edges takes about 0.4 s here, leaving room for a loaded machine.
    /// </summary>
    public const int FallbackSize = 4_000;

    /// <summary>
    /// The DOT text's length in bytes: dot measures every label's text, so the time grows with it too (400 values with
    /// 40 kB labels took 4–6 s before labels were cut to 3 lines of 40 characters; see LongText).
    /// </summary>
    public long TextLength { get; init; }

    /// <summary>At most this much DOT text lays out in well under a second: 800 values with labels cut to the most a
    /// box shows and a 1,000-character tooltip each come to about 1.5 MB.</summary>
    public const long CheapTextLength = 2_000_000;

    /// <summary>Whether dot lays this graph out well within a render budget, so it may run in process, under the lock.</summary>
    public bool IsCheap => VirtualNodes <= CheapVirtualNodes && Nodes + Edges <= CheapSize && TextLength <= CheapTextLength;

    /// <summary>Whether dot is sure to miss a render budget of a few seconds: not worth starting.</summary>
    public bool IsHopeless => VirtualNodes > HopelessVirtualNodes;

    /// <summary>Whether the simplified drawing fits what is left of the budget.</summary>
    public bool FitsFallback => IsCheap && Nodes + Edges <= FallbackSize;

    /// <summary>
    /// The cost of the graph with <paramref name="nodeCount"/> nodes and the edges <paramref name="tails"/>[i] →
    /// <paramref name="heads"/>[i]. Ranks are longest paths to a sink, which is where dot's ranking puts a node whose
    /// every edge leaves it (a reused leaf): as close to its nearest use as the farthest use allows.
    /// </summary>
    public static LayoutCost Estimate(int nodeCount, IReadOnlyList<int> tails, IReadOnlyList<int> heads)
    {
        var edges = tails.Count;
        // Kahn's algorithm backwards from the sinks: a node is ranked once every edge leaving it is.
        var pendingOut = new int[nodeCount];
        var incoming = new List<int>?[nodeCount];
        for (var e = 0; e < edges; e++)
        {
            if (tails[e] == heads[e]) continue; // a loop spans no rank
            pendingOut[tails[e]]++;
            (incoming[heads[e]] ??= []).Add(tails[e]);
        }
        var rank = new int[nodeCount];
        var ready = new Queue<int>();
        for (var n = 0; n < nodeCount; n++)
        {
            if (pendingOut[n] == 0) ready.Enqueue(n);
        }
        var ranked = 0;
        while (ready.TryDequeue(out var n))
        {
            ranked++;
            if (incoming[n] is not { } tailsOfN) continue;
            foreach (var tail in tailsOfN)
            {
                rank[tail] = Math.Max(rank[tail], rank[n] + 1);
                if (--pendingOut[tail] == 0) ready.Enqueue(tail);
            }
        }
        if (ranked < nodeCount) return new LayoutCost(nodeCount, edges, long.MaxValue); // a cycle: dot reverses edges, no estimate

        long virtualNodes = 0;
        for (var e = 0; e < edges; e++) virtualNodes += Math.Max(0, rank[tails[e]] - rank[heads[e]] - 1);
        return new LayoutCost(nodeCount, edges, virtualNodes);
    }
}
