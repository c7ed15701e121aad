namespace ScalarAutograd.Testing;

/// <summary>
/// Programs the tests drive, found where a learner's shell finds them: on PATH, or among the .NET global tools
/// (~/.dotnet/tools, which `dotnet tool install -g` fills but a fresh shell may not have on PATH yet).
/// </summary>
internal static class GlobalTools
{
    /// <summary>PATH with the global tools' folder after it: what the tests give the programs they start.</summary>
    public static string SearchPath => string.Join(Path.PathSeparator,
        Environment.GetEnvironmentVariable("PATH"), Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));

    /// <summary>The full path of <paramref name="program"/>, or null when it is not installed.</summary>
    public static string? Find(string program) =>
        SearchPath.Split(Path.PathSeparator).Where(d => d.Length > 0).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
