using System.Diagnostics;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// The <c>dot</c> program as a subprocess: the fallback when the C library cannot be loaded, and where a graph whose
/// layout may be slow is drawn, with a deadline after which the process is killed.
/// </summary>
internal sealed class DotProcess(string path) : IGraphvizBackend
{
    /// <summary>How long <see cref="Render(string, string)"/> waits: for DOT text a caller wrote, not for a value's graph.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string Name => $"{path} (subprocess)";

    /// <summary>The first executable <c>dot</c> on <paramref name="searchPath"/>, or null.</summary>
    public static DotProcess? TryFind(string? searchPath)
    {
        var exe = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        foreach (var dir in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate) && IsExecutable(candidate)) return new DotProcess(candidate);
        }
        return null;
    }

    // As a shell does: a file on PATH that we may not execute is skipped, and the search goes on.
    private static bool IsExecutable(string file)
    {
        if (OperatingSystem.IsWindows()) return true;
        try
        {
            return (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
                   && !Directory.Exists(file);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public byte[] Render(string dot, string format) =>
        Render(dot, format, Timeout) ?? throw new GraphvizException($"{path} did not finish within {Timeout.TotalSeconds:0} s.");

    /// <summary>Renders, or kills dot and returns null when it has not finished by <paramref name="deadline"/>.</summary>
    public byte[]? Render(string dot, string format, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(path, ["-T" + format])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start) ?? throw new GraphvizException($"Could not start {path}.");
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        // Written on the side: dot may stop reading early (a syntax error), and its own message is what matters then,
        // not the broken pipe the rest of our write runs into.
        var write = Task.Run(() =>
        {
            try
            {
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // dot exited before reading everything; its exit code and stderr tell why
            }
        });
        if (!process.WaitForExit(deadline))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            write.Wait(); // the pipe is closed now: the write ends at once
            return null;
        }
        process.WaitForExit(); // and its output streams are drained
        copy.Wait();
        write.Wait();
        var message = errors.Result.Trim();
        if (process.ExitCode != 0 || message.Contains("Error", StringComparison.Ordinal))
        {
            var said = message.Length > 0 ? message : $"exit code {process.ExitCode} and no reason given; check that the text is one whole graph, like digraph G {{ a -> b }}";
            throw new GraphvizException($"Graphviz (dot) failed: {said}", message);
        }
        return output.ToArray();
    }
}
