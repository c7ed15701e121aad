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

    /// <summary>
    /// The formats <see cref="Render(string, string)"/> accepts, each tested in process and through <c>dot</c>. Graphviz knows more,
    /// but some are not files (<c>x11</c> and <c>xlib</c> open a window, and crash without a display).
    /// </summary>
    public static IReadOnlyList<string> Formats { get; } = ["svg", "png", "pdf", "webp", "jpg", "gif", "ps", "eps", "json", "xdot", "plain"];

    /// <summary>
    /// DOT text → the bytes of a file in <paramref name="format"/> (one of <see cref="Formats"/>). A graph whose
    /// layout may be slow (see the README's render budget) is drawn by the <c>dot</c> program when there is one, so
    /// Graphviz's process-wide lock is not held for it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not one of <see cref="Formats"/>.</exception>
    /// <exception cref="GraphvizException">Graphviz rejected the DOT, or <c>dot</c> ran for more than 2 minutes.</exception>
    public static byte[] Render(string dot, string format) => Render(dot, format, DotProcess.Timeout);

    /// <summary>Renders however long it takes in process; a graph estimated slow goes to dot, killed after <paramref name="timeout"/>.</summary>
    internal static byte[] Render(string dot, string format, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(dot);
        CheckFormat(format);
        if (string.IsNullOrWhiteSpace(dot))
            throw new GraphvizException("The DOT text is empty: there is no graph to draw. A graph is written like digraph G { a -> b }.", "");
        var program = Default is NativeGraphviz ? DotProgram : (DotProcess)Default;
        var bytes = Default is NativeGraphviz native ? native.Render(dot, format, program is null ? null : c => c.IsCheap, out _) : null;
        return bytes ?? program!.Render(dot, format, timeout) ?? throw new GraphvizException(
            $"Graphviz (dot) did not finish within {timeout.TotalSeconds:0} s; the graph's layout is too slow.");
    }

    /// <summary>
    /// Renders within <paramref name="budget"/>, or returns null: when the layout is estimated slow and no <c>dot</c>
    /// program can take it (or it is sure to miss the budget), or when <c>dot</c> has not finished by then (it is
    /// killed). Never holds the in-process lock for a graph estimated slow. With <paramref name="fallback"/>, only a
    /// drawing that fits <see cref="LayoutCost.FitsFallback"/> is tried, in process.
    /// </summary>
    internal static byte[]? RenderWithin(string dot, string format, TimeSpan budget, bool fallback = false)
    {
        CheckFormat(format);
        if (Default is DotProcess only) return only.Render(dot, format, budget);
        var native = (NativeGraphviz)Default;
        var inProcess = native.Render(dot, format, fallback ? c => c.FitsFallback : c => c.IsCheap, out var cost);
        if (inProcess is not null || fallback || cost.IsHopeless) return inProcess;
        return DotProgram?.Render(dot, format, budget);
    }

    /// <summary>The in-process renderer, or null when only the dot program is there (tests).</summary>
    internal static NativeGraphviz? InProcess => Default as NativeGraphviz;

    private static void CheckFormat(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (Formats.Contains(format)) return;
        var why = format is "x11" or "xlib" ? " (it opens a window instead of making a file)" : "";
        var shown = format.Length <= 40 ? format : format[..40] + $"… ({format.Length:N0} characters)"; // never echo a whole file back
        throw new ArgumentException( // no parameter name: the message is the whole story
            $"Graphviz format '{DotText.Visible(shown)}' is not supported here{why}: use one of {string.Join(", ", Formats)}.");
    }

    // The dot program, for graphs too slow to lay out under the lock; found once, looked for again while missing.
    private static DotProcess? s_dotProgram;

    private static DotProcess? DotProgram
    {
        get
        {
            lock (FindGate)
            {
                if (s_simulateMissing || s_simulateNoDotProgram) return null;
                return s_dotProgram ??= DotProcess.TryFind(Environment.GetEnvironmentVariable("PATH"));
            }
        }
    }

    private static bool s_simulateNoDotProgram;

    /// <summary>Tests only: until disposed, behave as if no <c>dot</c> program were installed (the library still is).</summary>
    internal static IDisposable SimulateNoDotProgramForTests()
    {
        lock (FindGate) s_simulateNoDotProgram = true;
        return new Restore();
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
            lock (FindGate) s_simulateMissing = s_simulateNoDotProgram = false;
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
