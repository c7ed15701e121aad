using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>The repository around the tests, and its programs run as users run them.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string RunnerDll => Path.Combine(Root, "src", "ScalarAutograd.Runner", "bin", Configuration, "net10.0", "ScalarAutograd.Runner.dll");

    /// <summary>Every notebook users get: the walkthrough at the root and everything in notebooks/.</summary>
    public static IEnumerable<string> Notebooks() =>
        new[] { Path.Combine(Root, "ScalarDerivative.dib") }.Concat(Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.dib").Order());

    public static TheoryData<string> NotebookNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in Notebooks()) data.Add(Path.GetRelativePath(Root, path));
        return data;
    }

    /// <summary>The notebooks kept for the tests: tests/ScalarAutograd.Notebook.Tests/Notebooks.</summary>
    public static string TestNotebooks => Path.Combine(Root, "tests", "ScalarAutograd.Notebook.Tests", "Notebooks");

    public static string TestNotebook(string name) => Path.Combine(TestNotebooks, name);

    /// <summary>The #!meta header of a C#-only .dib, for the notebooks tests write.</summary>
    public const string DibMeta = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"languageName":"csharp","name":"csharp"}]}}

        """;

    public static Result Runner(string workingDirectory, params string[] args) =>
        Run("dotnet", [RunnerDll, .. args], workingDirectory);

    /// <summary>The runner, with a limit other than <see cref="Run"/>'s five minutes.</summary>
    public static Result Runner(string workingDirectory, string[] args, TimeSpan timeout) =>
        Run("dotnet", [RunnerDll, .. args], workingDirectory, timeout);

    /// <summary>Runs a program to its end (5 minutes at most unless told), with extra environment variables if given.</summary>
    public static Result Run(string program, string[] args, string workingDirectory, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {limit}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalarDerivative.dib"))) return dir.FullName;
        }
        throw new InvalidOperationException("Could not find the repository root (ScalarDerivative.dib) above " + AppContext.BaseDirectory);
    }
}

internal sealed record Result(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A temporary folder, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sa-tests-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
