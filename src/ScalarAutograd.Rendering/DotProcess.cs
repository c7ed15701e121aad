using System.Diagnostics;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>The <c>dot</c> program as a subprocess: the fallback when the C library cannot be loaded.</summary>
internal sealed class DotProcess(string path) : IGraphvizBackend
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string Name => $"{path} (subprocess)";

    /// <summary>The first <c>dot</c> on <paramref name="searchPath"/>, or null.</summary>
    public static DotProcess? TryFind(string? searchPath)
    {
        var exe = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        foreach (var dir in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate)) return new DotProcess(candidate);
        }
        return null;
    }

    public byte[] Render(string dot, string format)
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
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new GraphvizException($"{path} did not finish within {Timeout.TotalSeconds:0} s.");
        }
        copy.Wait();
        var message = errors.Result.Trim();
        if (process.ExitCode != 0 || message.Contains("Error", StringComparison.Ordinal)) throw new GraphvizException($"Graphviz (dot) failed: {message}", message);
        return output.ToArray();
    }
}
