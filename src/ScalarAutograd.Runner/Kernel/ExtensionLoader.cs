using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace ScalarAutograd.Runner;

/// <summary>
/// After <c>#r "nuget: …"</c> adds a package: makes its native libraries findable, and loads kernel extensions from
/// its <c>interactive-extensions/dotnet</c> folder, as VS Code and dotnet-repl do.
/// </summary>
internal static class ExtensionLoader
{
    public static async Task LoadAsync(Kernel kernel, IEnumerable<KernelEvent> events)
    {
        foreach (var added in events.OfType<PackageAdded>())
        {
            var root = added.PackageReference.PackageRoot;
            if (root is not null) NativeAssets.Add(root);
            var folder = root is null ? null : Path.Combine(root, "interactive-extensions", "dotnet");
            if (folder is null || !Directory.Exists(folder)) continue;
            foreach (var dll in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                foreach (var type in Load(dll).GetExportedTypes())
                {
                    if (typeof(IKernelExtension).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
                        await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
                }
            }
        }
    }

    // An assembly of that name may already be loaded (the package's lib/ copy): use it rather than a second copy.
    private static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
               ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
