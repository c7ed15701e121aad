using System.Text;
using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>
/// Renders DOT text with Graphviz: in process through libgvc when it loads, else through the <c>dot</c> program,
/// else a <see cref="GraphvizNotFoundException"/> that says how to install Graphviz. Safe to call from any thread.
/// </summary>
public static class Graphviz
{
    private static readonly Lock FindGate = new();
    private static IGraphvizBackend? s_backend;

    /// <summary>The command that installs Graphviz, per platform.</summary>
    public const string InstallHelp =
        "Debian/Ubuntu: sudo apt-get install -y graphviz; macOS: brew install graphviz; Windows: winget install graphviz";

    /// <summary>What renders: <c>libgvc (in process)</c> or the path of the <c>dot</c> program.</summary>
    public static string Backend => Default.Name;

    /// <summary>DOT text → SVG text (a whole document, with Graphviz's XML prolog).</summary>
    /// <exception cref="GraphvizException">Graphviz rejected the DOT; the message carries Graphviz's own words.</exception>
    /// <exception cref="GraphvizNotFoundException">Graphviz is not installed.</exception>
    public static string RenderSvg(string dot) => Encoding.UTF8.GetString(Render(dot, "svg"));

    /// <summary>
    /// The <c>&lt;svg&gt;</c> element alone, for embedding in HTML: without the XML prolog, DOCTYPE and comment
    /// Graphviz writes before it.
    /// </summary>
    public static string InlineSvg(string svgDocument)
    {
        ArgumentNullException.ThrowIfNull(svgDocument);
        var start = svgDocument.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? svgDocument : svgDocument[start..].TrimEnd();
    }

    /// <summary>DOT text → the bytes of a file in <paramref name="format"/>: <c>svg</c>, <c>png</c> or <c>pdf</c>.</summary>
    public static byte[] Render(string dot, string format)
    {
        ArgumentNullException.ThrowIfNull(dot);
        ArgumentNullException.ThrowIfNull(format);
        return Default.Render(dot, format);
    }

    private static bool s_simulateMissing;

    /// <summary>Tests only: until disposed, behave as on a machine without Graphviz.</summary>
    internal static IDisposable SimulateMissingForTests()
    {
        lock (FindGate) s_simulateMissing = true;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose()
        {
            lock (FindGate) s_simulateMissing = false;
        }
    }

    // Found once; a failure is not cached, so installing Graphviz and trying again works without a restart.
    private static IGraphvizBackend Default
    {
        get
        {
            lock (FindGate)
            {
                if (s_simulateMissing) return Find(["libgvc-simulated-missing"], ["libcgraph-simulated-missing"], searchPath: null);
                return s_backend ??= Find(NativeGraphviz.GvcNames, NativeGraphviz.CgraphNames, Environment.GetEnvironmentVariable("PATH"));
            }
        }
    }

    internal static IGraphvizBackend Find(IReadOnlyList<string> gvcNames, IReadOnlyList<string> cgraphNames, string? searchPath)
    {
        var native = NativeGraphviz.TryLoad(gvcNames, cgraphNames, out var failure);
        if (native is not null) return native;
        return DotProcess.TryFind(searchPath) ?? throw new GraphvizNotFoundException(
            $"Graphviz is missing: {failure}, and no 'dot' program is on PATH. Install it — {InstallHelp} — then run the cell again.");
    }
}
