using System.Text.RegularExpressions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// The repository's shell scripts. Under <c>set -o pipefail</c>, <c>producer | grep -q x</c> fails whenever grep
/// finds x early and exits before the producer has written everything: the producer dies of SIGPIPE, and the
/// pipeline reports that instead of the match.
/// </summary>
public partial class ScriptTests
{
    private static IEnumerable<string> Scripts() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.sh")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests"), "*.sh"))
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests", "clients"), "*.sh"))
            .Append(Path.Combine(Repo.Root, ".ci", "run"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void No_script_under_pipefail_pipes_into_a_grep_that_stops_early()
    {
        Assert.NotEmpty(Scripts());
        var found = new List<string>();
        foreach (var script in Scripts())
        {
            var lines = File.ReadAllLines(script);
            if (!lines.Any(l => l.Contains("pipefail", StringComparison.Ordinal))) continue;
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith('#') && EarlyGrep().IsMatch(lines[i])) found.Add($"{Path.GetRelativePath(Repo.Root, script)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, "pipes into grep -q/-m/-l under pipefail:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Ensure_graphviz_finds_an_installed_graphviz_however_much_ldconfig_prints()
    {
        using var dir = new TempDir();
        // An ldconfig that lists libgvc first and then a long cache (as on a machine with many libraries), a dot,
        // and an apt-get that records being called: ensure-graphviz.sh must see Graphviz and install nothing.
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        WriteProgram(bin, "ldconfig", """
            echo '	libgvc.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libgvc.so.6'
            for i in $(seq 1 20000); do echo "	libother$i.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libother$i.so.1"; done
            """);
        WriteProgram(bin, "dot", "exit 0");
        WriteProgram(bin, "apt-get", $"echo called >> '{dir.File("apt-get-called")}'");
        WriteProgram(bin, "sudo", $"echo called >> '{dir.File("apt-get-called")}'");
        var path = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        for (var i = 0; i < 5; i++)
        {
            var run = Repo.Run("bash", [Path.Combine(Repo.Root, "src", "ensure-graphviz.sh")], dir.Path, TimeSpan.FromMinutes(1),
                new Dictionary<string, string> { ["PATH"] = path });
            Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
            Assert.False(File.Exists(dir.File("apt-get-called")), "ensure-graphviz.sh thought Graphviz was missing and ran apt-get");
        }
    }

    private static void WriteProgram(string bin, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body + "\n");
        Assert.Equal(0, Repo.Run("chmod", ["+x", path], bin).ExitCode);
    }

    // "| grep -q", "| grep -m1", "| grep -l", also with other flags before them ("| grep -Eq").
    [GeneratedRegex(@"\|\s*grep\s+(-\w*[qml]\w*\b|--quiet|--silent|--max-count|--files-with-matches)")]
    private static partial Regex EarlyGrep();
}
