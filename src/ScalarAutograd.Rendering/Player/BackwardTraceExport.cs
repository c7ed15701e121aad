using ScalarAutograd.Rendering;

namespace ScalarAutograd;

/// <summary>
/// Recorded backward passes (<see cref="Value.BackwardSteps"/>) as files: the player as a standalone page, and an
/// animated SVG of the steps for slides.
/// </summary>
public static class BackwardTraceExport
{
    /// <summary>
    /// Saves the pass to <paramref name="path"/>: <c>.html</c> writes the player (<see cref="BackwardTraceExtensions.ToHtmlPlayer"/>)
    /// as a page of its own, <c>.svg</c> the animated picture (<see cref="ToAnimatedSvg"/>). Nothing in either file is
    /// loaded from anywhere else; both open from <c>file://</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is neither .html nor .svg, or the graph is over
    /// <see cref="BackwardTraceExtensions.MaxPlayerValues"/> values.</exception>
    public static void Save(this BackwardTrace trace, string path, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".svg")
        {
            LivePage.Write(path, trace.ToAnimatedSvg(options));
            return;
        }
        if (extension is not (".html" or ".htm"))
            throw new ArgumentException($"Cannot save a backward pass as '{Path.GetFileName(path)}': use .html (the player) or .svg (animated).", nameof(path));
        LivePage.Write(path, trace.ToStandaloneHtml(options));
    }

    /// <summary>The player as a whole HTML page.</summary>
    public static string ToStandaloneHtml(this BackwardTrace trace, GraphOptions? options = null) =>
        LivePage.Standalone(trace.ToHtmlPlayer(options), "Backpropagation, step by step");

    /// <summary>
    /// The pass as one animated SVG: the graph laid out once; each step's grads, highlighted boxes and caption appear
    /// in turn (<paramref name="secondsPerStep"/> each, then the finished picture for 2 s, looping). Chromium, Firefox
    /// and Safari play it; viewers without SVG animation show the finished pass.
    /// </summary>
    /// <exception cref="ArgumentException">The graph has more than <see cref="BackwardTraceExtensions.MaxPlayerValues"/> values,
    /// or <paramref name="secondsPerStep"/> is not positive.</exception>
    public static string ToAnimatedSvg(this BackwardTrace trace, GraphOptions? options = null, double secondsPerStep = 1.5)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (!(secondsPerStep > 0) || !double.IsFinite(secondsPerStep))
            throw new ArgumentException($"secondsPerStep must be a positive number of seconds (got {secondsPerStep}).", nameof(secondsPerStep));
        if (trace.Values.Count > BackwardTraceExtensions.MaxPlayerValues)
            throw new ArgumentException(
                $"The animation draws graphs of up to {BackwardTraceExtensions.MaxPlayerValues} values; this one has {trace.Values.Count:N0}.", nameof(trace));
        var look = (options ?? GraphOptions.Default) with { EdgeLabels = EdgeLabels.None }; // edge labels would go stale
        return BackwardAnimation.Write(trace, look, secondsPerStep);
    }
}
