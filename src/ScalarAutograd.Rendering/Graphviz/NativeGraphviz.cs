using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// Graphviz's C library, in process: parse DOT (libcgraph), lay out and render (libgvc). Graphviz is not
/// thread-safe and keeps its error state in globals, so every call goes through one process-wide lock.
/// </summary>
internal sealed unsafe class NativeGraphviz : IGraphvizBackend
{
    // Debian ships only the versioned names (libgvc.so.6) unless the -dev package is installed.
    internal static readonly string[] GvcNames = ["libgvc.so.6", "libgvc.so", "libgvc.dylib", "libgvc.6.dylib", "gvc.dll", "libgvc-6.dll"];
    internal static readonly string[] CgraphNames = ["libcgraph.so.6", "libcgraph.so", "libcgraph.dylib", "libcgraph.6.dylib", "cgraph.dll", "libcgraph-6.dll"];

    private static readonly Lock Gate = new();
    private static readonly StringBuilder Errors = new(); // filled by OnError, read under Gate

    private readonly IntPtr _context;
    private readonly delegate* unmanaged[Cdecl]<byte*, IntPtr> _agmemread;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, int> _agclose;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, int> _gvLayout;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> _gvFreeLayout;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, byte**, ulong*, int> _gvRenderData;
    private readonly delegate* unmanaged[Cdecl]<byte*, void> _gvFreeRenderData;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> _agfstnode;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> _agnxtnode;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> _agfstout;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> _agnxtout;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> _aghead;

    private NativeGraphviz(IntPtr gvc, IntPtr cgraph)
    {
        _agmemread = (delegate* unmanaged[Cdecl]<byte*, IntPtr>)NativeLibrary.GetExport(cgraph, "agmemread");
        _agclose = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(cgraph, "agclose");
        _agfstnode = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)NativeLibrary.GetExport(cgraph, "agfstnode");
        _agnxtnode = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)NativeLibrary.GetExport(cgraph, "agnxtnode");
        _agfstout = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)NativeLibrary.GetExport(cgraph, "agfstout");
        _agnxtout = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)NativeLibrary.GetExport(cgraph, "agnxtout");
        _aghead = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)NativeLibrary.GetExport(cgraph, "aghead");
        var agseterrf = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, int>, IntPtr>)NativeLibrary.GetExport(cgraph, "agseterrf");
        var gvContext = (delegate* unmanaged[Cdecl]<IntPtr>)NativeLibrary.GetExport(gvc, "gvContext");
        _gvLayout = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, int>)NativeLibrary.GetExport(gvc, "gvLayout");
        _gvFreeLayout = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int>)NativeLibrary.GetExport(gvc, "gvFreeLayout");
        _gvRenderData = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, byte**, ulong*, int>)NativeLibrary.GetExport(gvc, "gvRenderData");
        _gvFreeRenderData = (delegate* unmanaged[Cdecl]<byte*, void>)NativeLibrary.GetExport(gvc, "gvFreeRenderData");

        lock (Gate)
        {
            agseterrf(&OnError); // Graphviz's messages come to us instead of stderr
            _context = gvContext(); // one context, made before any graph is read (graphviz#2434), kept for the process
        }
        if (_context == IntPtr.Zero) throw new GraphvizException("Graphviz could not create a context (gvContext returned NULL).");
    }

    public string Name => "libgvc (in process)";

    /// <summary>Loads the libraries by the first names that work, or returns null (and why) when none does.</summary>
    public static NativeGraphviz? TryLoad(IReadOnlyList<string> gvcNames, IReadOnlyList<string> cgraphNames, out string? failure)
    {
        failure = null;
        if (!TryLoadAny(cgraphNames, out var cgraph) || !TryLoadAny(gvcNames, out var gvc))
        {
            failure = $"could not load {string.Join(" or ", gvcNames.Take(1).Concat(cgraphNames.Take(1)))}";
            return null;
        }
        try
        {
            return new NativeGraphviz(gvc, cgraph);
        }
        catch (EntryPointNotFoundException e)
        {
            failure = e.Message;
            return null;
        }
    }

    private static bool TryLoadAny(IReadOnlyList<string> names, out IntPtr handle)
    {
        foreach (var name in names)
        {
            if (OperatingSystem.IsLinux() ? TryLoadGlobal(name, out handle) : NativeLibrary.TryLoad(name, out handle)) return true;
        }
        handle = IntPtr.Zero;
        return false;
    }

    // Graphviz loads its format plugins (libgvplugin_*.so) later, with dlopen, and Debian builds some of them (webp)
    // without a link to libgvc: they find gvwrite & co. only among globally visible symbols. NativeLibrary.Load uses
    // RTLD_LOCAL, so such a plugin made the dynamic linker kill the process ("undefined symbol: gvwrite"). Loading
    // libgvc and libcgraph with RTLD_GLOBAL, as the dot program's own link does, makes every plugin resolve.
    private static bool TryLoadGlobal(string name, out IntPtr handle)
    {
        handle = IntPtr.Zero;
        if (s_dlopen is null && !FindDlopen()) return NativeLibrary.TryLoad(name, out handle);
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* file = bytes) handle = s_dlopen(file, RtldNow | RtldGlobal);
        return handle != IntPtr.Zero || NativeLibrary.TryLoad(name, out handle); // the latter also looks beside the app
    }

    private const int RtldNow = 0x2, RtldGlobal = 0x100; // glibc and musl values
    private static delegate* unmanaged[Cdecl]<byte*, int, IntPtr> s_dlopen;

    private static bool FindDlopen()
    {
        foreach (var libc in new[] { "libc.so.6", "libdl.so.2", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1" })
        {
            if (NativeLibrary.TryLoad(libc, out var lib) && NativeLibrary.TryGetExport(lib, "dlopen", out var dlopen))
            {
                s_dlopen = (delegate* unmanaged[Cdecl]<byte*, int, IntPtr>)dlopen;
                return true;
            }
        }
        return false;
    }

    public byte[] Render(string dot, string format) => Render(dot, format, inProcessIf: null, out _)!;

    /// <summary>
    /// Lays out and renders <paramref name="dot"/>, or returns null when <paramref name="inProcessIf"/> refuses its
    /// <paramref name="cost"/> (estimated after parsing, before layout), so that nobody waits on the lock behind it.
    /// </summary>
    public byte[]? Render(string dot, string format, Predicate<LayoutCost>? inProcessIf, out LayoutCost cost)
    {
        cost = default;
        var dotBytes = Encoding.UTF8.GetBytes(dot + "\0");
        var formatBytes = Encoding.ASCII.GetBytes(format + "\0");
        lock (Gate)
        {
            Errors.Clear();
            fixed (byte* text = dotBytes)
            fixed (byte* fmt = formatBytes)
            fixed (byte* engine = "dot\0"u8)
            {
                var graph = _agmemread(text);
                if (graph == IntPtr.Zero) throw Failure("could not read the DOT text");
                try
                {
                    if (inProcessIf is not null && !inProcessIf(cost = Cost(graph) with { TextLength = dotBytes.Length })) return null;
                    if (_gvLayout(_context, graph, engine) != 0) throw Failure("could not lay out the graph");
                    try
                    {
                        byte* data = null;
                        ulong length = 0; // unsigned int* in 2.42, size_t* later: a zeroed 8 bytes reads right either way
                        if (_gvRenderData(_context, graph, fmt, &data, &length) != 0 || data == null)
                            throw Failure($"could not render {format}");
                        // Graphviz reports some errors (a label it cannot parse) yet renders a wrong picture: refuse it.
                        if (Errors.ToString().Contains("Error", StringComparison.Ordinal))
                        {
                            _gvFreeRenderData(data);
                            throw Failure("reported an error");
                        }
                        try
                        {
                            return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
                        }
                        finally
                        {
                            _gvFreeRenderData(data);
                        }
                    }
                    finally
                    {
                        _gvFreeLayout(_context, graph);
                    }
                }
                finally
                {
                    _agclose(graph);
                }
            }
        }
    }

    // The parsed graph's nodes and edges, walked through cgraph (linear, no layout), then estimated.
    private LayoutCost Cost(IntPtr graph)
    {
        var index = new Dictionary<IntPtr, int>();
        var tails = new List<int>();
        var heads = new List<int>();
        for (var n = _agfstnode(graph); n != IntPtr.Zero; n = _agnxtnode(graph, n)) index.Add(n, index.Count);
        foreach (var (node, tail) in index)
        {
            for (var e = _agfstout(graph, node); e != IntPtr.Zero; e = _agnxtout(graph, e))
            {
                tails.Add(tail);
                heads.Add(index[_aghead(e)]);
            }
        }
        return LayoutCost.Estimate(index.Count, tails, heads);
    }

    private static GraphvizException Failure(string what)
    {
        var message = Errors.ToString().Trim();
        var said = message.Length > 0 ? message : "Graphviz gave no reason; check that the text is one whole graph, like digraph G { a -> b }";
        return new GraphvizException($"Graphviz {what}: {said}", message);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnError(byte* message)
    {
        Errors.Append(Marshal.PtrToStringUTF8((IntPtr)message));
        return 0;
    }
}
