using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The one-way layering: engine ← rendering ← notebook ← runner. Checked twice, on what the projects ask for (their
/// .csproj references) and on what the compiler actually linked (the built assemblies' references).
/// </summary>
public class ArchitectureTests
{
    /// <summary>
    /// What each project may use: our projects below it, and packages (or linked assemblies) whose name starts with one
    /// of these. Roslyn (Microsoft.CodeAnalysis) comes with Microsoft.DotNet.Interactive.CSharp: the kernel hint reads
    /// its diagnostics. The runner's watch server is ASP.NET Core's shared framework (Microsoft.AspNetCore,
    /// Microsoft.Extensions, Microsoft.Net.Http), which ships with the SDK.
    /// </summary>
    private static readonly Dictionary<string, (string[] Projects, string[] PackagePrefixes)> Allowed = new()
    {
        ["ScalarAutograd"] = ([], []),
        ["ScalarAutograd.Rendering"] = (["ScalarAutograd"], []),
        ["ScalarAutograd.Notebook"] = (["ScalarAutograd.Rendering", "ScalarAutograd"], ["Microsoft.DotNet.Interactive", "Microsoft.CodeAnalysis"]),
        ["ScalarAutograd.Runner"] = (["ScalarAutograd.Notebook"],
            ["Microsoft.DotNet.Interactive", "Microsoft.CodeAnalysis", "Microsoft.AspNetCore", "Microsoft.Extensions", "Microsoft.Net.Http"]),
    };

    /// <summary>The rule itself: every reference that breaks the layering, as "project → reference".</summary>
    internal static List<string> Violations(string project, IEnumerable<string> projectReferences, IEnumerable<string> packageReferences)
    {
        var (projects, prefixes) = Allowed[project];
        var wrong = projectReferences.Where(r => !projects.Contains(r)).Select(r => $"{project} → project {r}").ToList();
        wrong.AddRange(packageReferences.Where(p => !prefixes.Any(p.StartsWith)).Select(p => $"{project} → package {p}"));
        return wrong;
    }

    [Fact]
    public void The_rule_catches_a_reference_added_the_wrong_way()
    {
        Assert.Empty(Violations("ScalarAutograd.Notebook", ["ScalarAutograd.Rendering"], ["Microsoft.DotNet.Interactive.Formatting"]));
        Assert.Equal(["ScalarAutograd → project ScalarAutograd.Rendering"], Violations("ScalarAutograd", ["ScalarAutograd.Rendering"], []));
        Assert.Equal(["ScalarAutograd → package Newtonsoft.Json"], Violations("ScalarAutograd", [], ["Newtonsoft.Json"]));
        Assert.Equal(["ScalarAutograd.Rendering → project ScalarAutograd.Notebook"], Violations("ScalarAutograd.Rendering", ["ScalarAutograd.Notebook"], []));
        Assert.Equal(["ScalarAutograd.Notebook → project ScalarAutograd.Runner"], Violations("ScalarAutograd.Notebook", ["ScalarAutograd.Runner"], []));
    }

    [Fact]
    public void Every_project_file_references_only_the_layers_below_it()
    {
        var projects = Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.csproj", SearchOption.AllDirectories);
        Assert.Equal(Allowed.Keys.Order(), projects.Select(Path.GetFileNameWithoutExtension).Order()!);
        var wrong = new List<string>();
        foreach (var path in projects)
        {
            var xml = XDocument.Load(path);
            var projectRefs = xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value));
            var packageRefs = xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value);
            wrong.AddRange(Violations(Path.GetFileNameWithoutExtension(path), projectRefs, packageRefs));
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("ScalarAutograd")]
    [InlineData("ScalarAutograd.Rendering")]
    [InlineData("ScalarAutograd.Notebook")]
    [InlineData("ScalarAutograd.Runner")]
    public void Every_built_assembly_links_only_the_layers_below_it(string project)
    {
        var assembly = BuiltAssembly(project);
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        // The framework itself is not a dependency: System.*, Microsoft.CSharp, netstandard and the like.
        bool Framework(string name) => name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "Microsoft.CSharp" or "Microsoft.Win32.Primitives";
        var ours = references.Where(r => r.StartsWith("ScalarAutograd", StringComparison.Ordinal));
        var packages = references.Where(r => !Framework(r) && !r.StartsWith("ScalarAutograd", StringComparison.Ordinal));
        Assert.Empty(Violations(project, ours, packages));
    }

    private static string BuiltAssembly(string project)
    {
        var bin = Path.Combine(Repo.Root, "src", project, "bin");
        var candidates = new[] { Path.Combine(bin, project + ".dll"), Path.Combine(bin, Repo.Configuration, "net10.0", project + ".dll") };
        return candidates.Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"{project}.dll is not built: run dotnet build ScalarAutograd.sln -c {Repo.Configuration}", candidates[1]);
    }
}
