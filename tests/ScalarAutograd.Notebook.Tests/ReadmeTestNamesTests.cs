using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The READMEs back their promises (render budget, thread and scope rules, exit codes and signals) by naming the tests
/// that check them. A name that no longer exists would be a promise nobody checks: each must name a test class (or
/// benchmark) in tests/, and a <c>Class.Method</c> must name a method of it.
/// </summary>
public partial class ReadmeTestNamesTests
{
    [Fact]
    public void Every_test_a_readme_names_exists()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);
        var readmes = Directory.EnumerateFiles(Repo.Root, "README.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var named = readmes.SelectMany(f => TestName().Matches(File.ReadAllText(f)).Select(m => (Readme: Path.GetRelativePath(Repo.Root, f), Class: m.Groups[1].Value, Method: m.Groups[2].Value)))
            .ToList();
        Assert.True(named.Count >= 20, $"the READMEs name {named.Count} tests; they named over 20 when this test was written");

        var missing = named.Where(n =>
        {
            var files = sources.Where(s => Regex.IsMatch(s.Value, $@"\bclass {n.Class}\b")).ToList();
            return files.Count == 0 || (n.Method.Length > 0 && !files.Any(s => Regex.IsMatch(s.Value, $@"\b{n.Method}\(")));
        }).Select(n => $"{n.Readme}: `{n.Class}{(n.Method.Length > 0 ? "." + n.Method : "")}`").Distinct().ToList();
        Assert.True(missing.Count == 0, "READMEs name tests that do not exist:\n" + string.Join("\n", missing));
    }

    // `SomethingTests`, `SomethingBenchmark`, optionally `.Method_name`.
    [GeneratedRegex(@"`([A-Z][A-Za-z]*(?:Tests|Benchmark))(?:\.([A-Za-z_]+))?`")]
    private static partial Regex TestName();
}
