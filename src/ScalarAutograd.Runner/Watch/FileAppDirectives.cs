namespace ScalarAutograd.Runner;

/// <summary>
/// Turns a file-based app's directives into what a kernel understands: <c>#:project</c> → <c>#r</c> of the
/// project's built assembly, <c>#:package Name@Version</c> → <c>#r "nuget: Name, Version"</c>; <c>#:property</c> and
/// <c>#:sdk</c> only matter to <c>dotnet run</c> and become comments (so line numbers stay).
/// </summary>
internal static class FileAppDirectives
{
    public static string ToKernel(string code, string folder)
    {
        var lines = code.Split('\n');
        var projects = lines.Select(l => l.Trim()).Where(l => l.StartsWith("#:project ", StringComparison.Ordinal))
            .Select(l => ProjectFile(l["#:project ".Length..].Trim().Trim('"'), folder)).ToList();
        var assemblies = Assemblies(projects);
        var p = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#:project ", StringComparison.Ordinal)) lines[i] = assemblies[p++];
            else if (line.StartsWith("#:package ", StringComparison.Ordinal)) lines[i] = Package(line["#:package ".Length..].Trim());
            else if (line.StartsWith("#:", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal)) lines[i] = "// " + line;
        }
        return string.Join('\n', lines);
    }

    // "Name@1.2.3" or "Name" (a version from Directory.Packages.props); the kernel's own packages are already loaded.
    private static string Package(string spec)
    {
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        var (name, version) = at < 0 ? (spec, null) : (spec[..at], spec[(at + 1)..]);
        if (name.StartsWith("Microsoft.DotNet.Interactive", StringComparison.OrdinalIgnoreCase)) return $"// #:package {spec} (the kernel has it)";
        return version is null ? $"#r \"nuget: {name}\"" : $"#r \"nuget: {name}, {version}\"";
    }

    private static string ProjectFile(string path, string folder)
    {
        var full = Path.GetFullPath(path, folder);
        if (!Directory.Exists(full)) return full;
        return Directory.GetFiles(full, "*.csproj").FirstOrDefault() ?? Path.Combine(full, Path.GetFileName(full) + ".csproj");
    }

    // Each project's assembly, all from one output folder when one holds them all (the notebook project's bin/ holds
    // the engine and the renderer too): two copies of one assembly from two folders would be two different types.
    private static List<string> Assemblies(List<string> projects)
    {
        var names = projects.Select(Path.GetFileNameWithoutExtension).ToList();
        var shared = projects.SelectMany(OutputFolders)
            .FirstOrDefault(dir => names.All(n => File.Exists(Path.Combine(dir, n + ".dll"))));
        return projects.Select((project, k) =>
        {
            var dll = shared is not null ? Path.Combine(shared, names[k] + ".dll")
                : OutputFolders(project).Select(dir => Path.Combine(dir, names[k] + ".dll")).FirstOrDefault(File.Exists);
            return dll is null
                ? $"#error \"{names[k]} is not built: run  dotnet build {project}  and restart the kernel\""
                : $"#r \"{dll}\"";
        }).ToList();
    }

    private static IEnumerable<string> OutputFolders(string project)
    {
        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin");
        yield return bin;
        foreach (var configuration in new[] { "Release", "Debug" }) yield return Path.Combine(bin, configuration, "net10.0");
    }
}
