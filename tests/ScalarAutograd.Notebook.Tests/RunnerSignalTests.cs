using System.Diagnostics;
using System.Text;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// Stopping the runner: on SIGTERM, SIGINT (Ctrl+C) or SIGHUP it stops its worker, writes the notebook up to the
/// cell that was running, marked interrupted, and exits 128 + the signal's number. If the runner itself is killed
/// outright (SIGKILL), its worker notices and ends too: no worker is left spinning.
/// </summary>
[Collection("Notebooks")]
public class RunnerSignalTests
{
    // Cell 2 spins forever, as a learner's accidental endless loop does; cell 3 never runs.
    private const string Spinning = Repo.DibMeta + """
        #!csharp

        "first cell done"

        #!csharp

        // spins
        while (true) { }

        #!csharp

        "never reached"
        """;

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    [InlineData("HUP", 129)]
    public void A_signal_stops_the_worker_and_writes_the_notebook_marked_interrupted(string signal, int exitCode)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("spin.dib"), Spinning);
        // An earlier, good run's notebook: it must not go on saying "ok" after this run is stopped.
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("out/spin.ipynb"), """{"metadata":{"scalarautograd_runner":{"status":"ok"}},"cells":[],"nbformat":4,"nbformat_minor":5}""");

        using var runner = RunningRunner.Start(dir, "spin.dib", "--out", dir.File("out"));
        runner.WaitForStdout("[1/3] csharp ✓");
        var worker = runner.WaitForWorker();
        Thread.Sleep(500); // cell 2 is spinning now
        Signal(runner.Pid, signal);

        var (code, stdout, stderr) = runner.WaitForExit(TimeSpan.FromSeconds(60));
        var report = $"exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}";
        Assert.True(code == exitCode, report);
        var gone = ProcessGone(worker, TimeSpan.FromSeconds(10));
        if (!gone) Signal(worker, "KILL"); // clean up what the runner left, then fail
        Assert.True(gone, $"worker {worker} still runs after the runner exited\n{report}");
        Assert.Contains($"Interrupted by SIG{signal}", stderr);
        Assert.Contains("cell 2", stderr);

        var notebook = Ipynb.Read(dir.File("out/spin.ipynb"));
        Assert.Equal("interrupted", notebook.Status);
        Assert.Equal(2, notebook.FailedCell);
        Assert.Contains("first cell done", Assert.Single(notebook.Outputs(1)).GetRawText());
        Assert.Contains($"SIG{signal}", notebook.ErrorOf(2));
        Assert.Empty(notebook.Outputs(3));
        Assert.Equal("", Ipynb.Validate(dir.File("out/spin.ipynb")));
    }

    [Fact]
    public void A_runner_killed_outright_leaves_no_worker_behind()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("spin.dib"), Spinning);
        using var runner = RunningRunner.Start(dir, "spin.dib", "--out", dir.File("out"));
        runner.WaitForStdout("[1/3] csharp ✓");
        var worker = runner.WaitForWorker();
        Signal(runner.Pid, "KILL");
        runner.WaitForExit(TimeSpan.FromSeconds(30));
        var gone = ProcessGone(worker, TimeSpan.FromSeconds(20));
        if (!gone) Signal(worker, "KILL"); // clean up what the runner left, then fail
        Assert.True(gone, $"worker {worker} still runs 20 s after its runner was killed");
    }

    private static void Signal(int pid, string signal)
    {
        var kill = Repo.Run("kill", [$"-{signal}", pid.ToString()], Repo.Root);
        Assert.True(kill.ExitCode == 0, kill.ToString());
    }

    // Gone, or a zombie waiting to be reaped (it uses no CPU and holds nothing).
    private static bool ProcessGone(int pid, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return true;
            try
            {
                var text = File.ReadAllText(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            }
            catch (IOException)
            {
                return true;
            }
            Thread.Sleep(100);
        }
        return false;
    }

    /// <summary>The runner as a running process, its output collected as it comes.</summary>
    private sealed class RunningRunner : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        private RunningRunner(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { lock (_stdout) _stdout.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Pid => _process.Id;

        public static RunningRunner Start(TempDir dir, params string[] args)
        {
            // A shell without job control starts background commands with SIGINT ignored, and programs inherit that
            // (the runner then rightly ignores Ctrl-C, as any program would). The runner is started as from a
            // terminal, with SIGINT at its default, whichever way these tests were started.
            string[] command = SigIntIgnored() ? ["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "dotnet", Repo.RunnerDll, .. args] : ["dotnet", Repo.RunnerDll, .. args];
            var start = new ProcessStartInfo(command[0], command[1..])
            {
                WorkingDirectory = dir.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            return new RunningRunner(Process.Start(start)!);
        }

        // Bit 2 (SIGINT) of this process's ignored-signal mask.
        private static bool SigIntIgnored() =>
            File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
            && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;

        public void WaitForStdout(string text)
        {
            var watch = Stopwatch.StartNew();
            while (!Stdout().Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(3))
                    Assert.Fail($"the runner never printed '{text}'\n--- stdout\n{Stdout()}\n--- stderr\n{Stderr()}");
                Thread.Sleep(100);
            }
        }

        /// <summary>The runner's child process, the worker that runs the cells.</summary>
        public int WaitForWorker()
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                foreach (var dir in Directory.GetDirectories("/proc"))
                {
                    if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                    try
                    {
                        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                        var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                        if (parent == Pid) return pid;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                    {
                        // a process that ended while we looked
                    }
                }
                Thread.Sleep(100);
            }
            throw new InvalidOperationException("the runner has no worker process");
        }

        public (int? Code, string Stdout, string Stderr) WaitForExit(TimeSpan within)
        {
            var exited = _process.WaitForExit(within);
            if (exited) _process.WaitForExit(); // flush the output events
            return (exited ? _process.ExitCode : null, Stdout(), Stderr());
        }

        private string Stdout()
        {
            lock (_stdout) return _stdout.ToString();
        }

        private string Stderr()
        {
            lock (_stderr) return _stderr.ToString();
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
