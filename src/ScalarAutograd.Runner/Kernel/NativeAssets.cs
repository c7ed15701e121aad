using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ScalarAutograd.Runner;

/// <summary>
/// Finds the native libraries of packages added with <c>#r "nuget: …"</c> (SkiaSharp under ScottPlot, say) in their
/// <c>runtimes/&lt;rid&gt;/native</c> folders. Without it, loading them depended on the kernel's own probing, which
/// once failed on a first run and took the process down from a finalizer.
/// </summary>
internal static class NativeAssets
{
    private static readonly List<string> Folders = [];
    private static bool s_hooked;

    public static void Add(string packageRoot)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        lock (Folders)
        {
            foreach (var candidate in new[] { rid, $"{os}-{arch}" }.Distinct())
            {
                var folder = Path.Combine(packageRoot, "runtimes", candidate, "native");
                if (Directory.Exists(folder) && !Folders.Contains(folder)) Folders.Add(folder);
            }
            if (s_hooked) return;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
            s_hooked = true;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        string[] files = [name, $"lib{name}.so", $"{name}.so", $"lib{name}.dylib", $"{name}.dylib", $"{name}.dll"];
        lock (Folders)
        {
            foreach (var folder in Folders)
            {
                foreach (var file in files)
                {
                    var path = Path.Combine(folder, file);
                    if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
                }
            }
        }
        return IntPtr.Zero;
    }
}
