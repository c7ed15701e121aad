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

    private NativeGraphviz(IntPtr gvc, IntPtr cgraph)
    {
        _agmemread = (delegate* unmanaged[Cdecl]<byte*, IntPtr>)NativeLibrary.GetExport(cgraph, "agmemread");
        _agclose = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(cgraph, "agclose");
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
            if (NativeLibrary.TryLoad(name, out handle)) return true;
        }
        handle = IntPtr.Zero;
        return false;
    }

    public byte[] Render(string dot, string format)
    {
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

    private static GraphvizException Failure(string what)
    {
        var message = Errors.ToString().Trim();
        return new GraphvizException($"Graphviz {what}: {(message.Length > 0 ? message : "no message")}", message);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnError(byte* message)
    {
        Errors.Append(Marshal.PtrToStringUTF8((IntPtr)message));
        return 0;
    }
}
