using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// <c>--watch</c> as a person uses it: start it on a copy of a notebook, open the page, edit and save the file in
/// another program, and watch the page follow — in headless Chromium (tests/clients/watch-drive.js).
/// </summary>
public sealed class WatchTests(ITestOutputHelper output)
{
    private const string InputA = "var a = new Value(2.0, \"a\");";
    private const string EditedA = "var a = new Value(3.0, \"a\");";

    [Fact]
    public void Saving_a_new_input_redraws_the_graph_in_place_and_a_typo_shows_at_its_cell()
    {
        using var dir = new TempDir();
        var notebook = CopyWithAbsolutePaths(Path.Combine(Repo.Root, "notebooks", "LiveGraph.dib"), dir);
        using var watch = WatchRunner.Start(notebook, WatchRunner.SomePort());
        var typo = "var a = new Value(3.0, \"a\";";
        var report = watch.Drive(notebook, [
            new { @do = "replace", from = InputA, to = EditedA, until = new { sourceHas = EditedA, contains = new[] { "data -2.0000" } } },
            new { @do = "replace", from = EditedA, to = typo, until = new { state = new[] { typo, "error" } } },
            new { @do = "replace", from = typo, to = EditedA, until = new { sourceHas = EditedA, contains = new[] { "data -2.0000" } } },
        ], scroll: 450);
        Assert.Empty(report["errors"]!.AsArray());
        var steps = report["steps"]!.AsArray();
        Assert.All(steps, s => Assert.True(s!["ok"]!.GetValue<bool>(), "the page did not show it: " + s));

        // The edit: L = (3·−3 + 10)·−2 = −2, and the grads of a·b + c with a = 3, in place, scroll kept, no reload.
        var edited = steps[0]!;
        output.WriteLine($"save → page shows L = -2: {edited["ms"]} ms");
        foreach (var c in steps[2]!["view"]!["cells"]!.AsArray()) output.WriteLine(c!["head"]!.GetValue<string>());
        var graph = WatchRunner.Cell(edited["view"]!, EditedA);
        var values = WatchRunner.Values(graph);
        Assert.Equal(("-2.0000", "1.0000"), values["L"]);
        Assert.Equal(("3.0000", "6.0000"), values["a"]);
        Assert.Equal("-6.0000", values["b"].Grad);
        Assert.Equal("-2.0000", values["c"].Grad);
        Assert.Equal("1.0000", values["f"].Grad);
        Assert.Contains("data -2.0000", graph["changedTexts"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain("data -3.0000", graph["changedTexts"]!.AsArray().Select(t => t!.GetValue<string>())); // b did not change
        Assert.Equal(edited["scrollBefore"]!.GetValue<double>(), edited["view"]!["scrollY"]!.GetValue<double>());
        Assert.True(edited["scrollBefore"]!.GetValue<double>() > 0);
        Assert.True(edited["view"]!["marker"]!.GetValue<bool>(), "the page was reloaded");
        Assert.Equal(0, report["navigations"]!.GetValue<int>());
        // The cell above the edit (#r …) was not re-run: same line, same time.
        var load = (JsonNode view) => WatchRunner.Cell(view, "#r ")["head"]!.GetValue<string>();
        Assert.Equal(load(report["initial"]!), load(edited["view"]!));

        // The typo: the error at its cell; every cell below keeps its outputs, marked as from the previous run.
        var broken = steps[1]!["view"]!;
        var cells = broken["cells"]!.AsArray().Select(c => c!).ToList();
        var failed = cells.FindIndex(c => c["state"]!.GetValue<string>() == "error");
        Assert.Contains("CS1026", cells[failed]["text"]!.GetValue<string>()); // ) expected
        var below = cells.Skip(failed + 1).Where(c => c["state"]!.GetValue<string>() != "markdown").ToList();
        Assert.NotEmpty(below);
        Assert.All(below, c =>
        {
            Assert.Equal("stale", c["state"]!.GetValue<string>());
            Assert.Contains("previous run", c["head"]!.GetValue<string>());
            Assert.True(c["outputs"]!.GetValue<int>() > 0);
        });
        Assert.Contains($"Cell {failed + 1} failed", broken["status"]!.GetValue<string>());

        // Fixed: everything fresh again.
        Assert.All(report["final"]!["cells"]!.AsArray(), c => Assert.Contains(c!["state"]!.GetValue<string>(), new[] { "fresh", "markdown" }));
    }

    [Fact]
    public void A_file_that_disappears_or_is_half_written_keeps_the_last_good_outputs_with_a_note()
    {
        using var dir = new TempDir();
        var notebook = CopyWithAbsolutePaths(Path.Combine(Repo.Root, "notebooks", "LiveGraph.dib"), dir);
        var original = File.ReadAllText(notebook);
        using var watch = WatchRunner.Start(notebook, WatchRunner.SomePort());
        var report = watch.Drive(notebook, [
            new { @do = "delete", until = new { status = "is gone" } },
            new { @do = "write", text = original[..40], until = new { status = "Cannot use" } },
            new { @do = "write", text = original.Replace(InputA, EditedA, StringComparison.Ordinal), until = new { sourceHas = EditedA, contains = new[] { "data -2.0000" } } },
        ]);
        var steps = report["steps"]!.AsArray();
        Assert.All(steps, s => Assert.True(s!["ok"]!.GetValue<bool>(), "the page did not show it: " + s));
        foreach (var step in steps.Take(2))
        {
            var view = step!["view"]!;
            Assert.DoesNotContain('\n', view["status"]!.GetValue<string>()); // one line
            Assert.Equal("-8.0000", WatchRunner.Values(WatchRunner.Cell(view, InputA))["L"].Data); // the last good outputs stay
        }
        Assert.Equal("-2.0000", WatchRunner.Values(WatchRunner.Cell(steps[2]!["view"]!, EditedA))["L"].Data);
    }

    [Fact]
    public void The_percent_format_cs_file_gives_the_same_page_watched_and_run_on_its_own()
    {
        using var dir = new TempDir();
        var app = CopyWithAbsolutePaths(Path.Combine(Repo.Root, "notebooks", "Lecture.cs"), dir);

        // dotnet run Lecture.cs: the page of its outputs, next to it.
        var run = Repo.Run("dotnet", ["run", app], dir.Path, TimeSpan.FromMinutes(8));
        Assert.True(run.ExitCode == 0, run.ToString());
        var html = dir.File("Lecture.html");
        Assert.True(File.Exists(html), run.ToString());
        var alone = WatchRunner.Drive(new { url = new Uri(html).AbsoluteUri, file = app, @static = true, steps = Array.Empty<object>() });
        Assert.Empty(alone["errors"]!.AsArray());

        using var watch = WatchRunner.Start(app, WatchRunner.SomePort());
        var report = watch.Drive(app, [
            new { @do = "replace", from = InputA, to = EditedA, until = new { sourceHas = EditedA, contains = new[] { "data -2.0000" } } },
            new { @do = "restart", until = new { sourceHas = EditedA, contains = new[] { "data -2.0000" } } },
        ]);
        Assert.Empty(report["errors"]!.AsArray());

        // The same cells, the same pictures: markdown, code, and the graphs' every box.
        var watched = report["initial"]!["cells"]!.AsArray();
        var written = alone["initial"]!["cells"]!.AsArray();
        Assert.Equal(written.Count, watched.Count);
        Assert.True(written.Count >= 5);
        for (var i = 0; i < watched.Count; i++)
        {
            Assert.Equal(written[i]!["state"]!.GetValue<string>(), watched[i]!["state"]!.GetValue<string>());
            Assert.Equal(written[i]!["source"]!.GetValue<string>(), watched[i]!["source"]!.GetValue<string>());
            Assert.Equal(written[i]!["nodes"]!.ToJsonString(), watched[i]!["nodes"]!.ToJsonString());
        }
        var lecture = WatchRunner.Values(WatchRunner.Cell(report["initial"]!, InputA));
        Assert.Equal(("-8.0000", "1.0000"), lecture["L"]);
        Assert.Equal("-4.0000", lecture["b"].Grad);

        var steps = report["steps"]!.AsArray();
        Assert.All(steps, s => Assert.True(s!["ok"]!.GetValue<bool>(), "the page did not show it: " + s));
        output.WriteLine($"save → page shows L = -2: {steps[0]!["ms"]} ms");
        var edited = WatchRunner.Values(WatchRunner.Cell(steps[0]!["view"]!, EditedA));
        Assert.Equal(("-2.0000", "1.0000"), edited["L"]);
        Assert.Equal("-6.0000", edited["b"].Grad);
        Assert.Equal("1.0000", edited["f"].Grad);
        // Restart kernel: every cell ran again in a new kernel, with the same numbers.
        Assert.All(report["final"]!["cells"]!.AsArray(), c => Assert.Contains(c!["state"]!.GetValue<string>(), new[] { "fresh", "markdown" }));
        Assert.Contains("Kernel restarted", watch.Output);
    }

    [Fact]
    public void Cells_rerun_in_the_same_kernel_until_a_load_line_changes_then_it_restarts()
    {
        using var dir = new TempDir();
        var notebook = dir.File("Kernel.dib");
        var dll = Path.Combine(Repo.Root, "src", "ScalarAutograd.Notebook", "bin", "ScalarAutograd.Notebook.dll");
        File.WriteAllText(notebook, $"#!csharp\n\n#r \"{dll}\"\n\n#!csharp\n\nvar kernel = System.Environment.ProcessId; $\"kernel {{kernel}}, run 1\"\n");
        using var watch = WatchRunner.Start(notebook, WatchRunner.SomePort());
        var same = dll.Replace("/bin/", "/bin/./", StringComparison.Ordinal); // the same assembly, another #r line
        var report = watch.Drive(notebook, [
            new { @do = "replace", from = "run 1", to = "run 2", until = new { sourceHas = "ProcessId", contains = new[] { "run 2" } } },
            new { @do = "replace", from = dll, to = same, until = new { status = "restarted the kernel" } },
        ]);
        var steps = report["steps"]!.AsArray();
        Assert.All(steps, s => Assert.True(s!["ok"]!.GetValue<bool>(), "the page did not show it: " + s));
        string Shown(JsonNode view) => WatchRunner.Cell(view, "ProcessId")["text"]!.GetValue<string>().Split(',')[0];
        Assert.Equal(Shown(report["initial"]!), Shown(steps[0]!["view"]!)); // an edit below: the same kernel process
        Assert.NotEqual(Shown(steps[0]!["view"]!), Shown(steps[1]!["view"]!)); // a #r line changed: a new one
        Assert.Contains("run 2", WatchRunner.Cell(steps[1]!["view"]!, "ProcessId")["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strangers_are_refused_a_second_watch_takes_the_next_port_and_ctrl_c_leaves_no_process()
    {
        using var dir = new TempDir();
        var notebook = dir.File("Small.dib");
        File.WriteAllText(notebook, "#!markdown\n\n# Small\n\n#!csharp\n\n1 + 1\n");
        File.WriteAllText(dir.File("inside.txt"), "inside");
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.txt");
        File.WriteAllText(outside, "outside");
        File.CreateSymbolicLink(dir.File("link.txt"), outside);
        try
        {
            var port = WatchRunner.SomePort();
            using var first = WatchRunner.Start(notebook, port);
            using var second = WatchRunner.Start(notebook, first.Port);
            Assert.Equal(port, first.Port);
            Assert.NotEqual(first.Port, second.Port);
            Assert.Contains($"Port {first.Port} is in use", second.Output);

            var token = first.Url[(first.Url.IndexOf("token=", StringComparison.Ordinal) + 6)..];
            var root = $"http://127.0.0.1:{first.Port}";
            Assert.Equal(HttpStatusCode.OK, (await Get(first.Url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Get(first.Url, host: $"localhost:{first.Port}")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(root + "/")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(root + "/?token=" + new string('0', token.Length))).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(root + "/events")).Status);
            var rebound = await Get(first.Url, host: "evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, rebound.Status);
            Assert.Contains("127.0.0.1", rebound.Body);
            Assert.Equal(HttpStatusCode.Forbidden, (await Get(first.Url, host: $"evil.example:{first.Port}")).Status);
            // Files: the notebook's folder only, links included; no way to send code.
            Assert.Equal("inside", (await Get($"{root}/files/inside.txt?token={token}")).Body);
            Assert.Equal(HttpStatusCode.NotFound, (await Get($"{root}/files/link.txt?token={token}")).Status);
            Assert.DoesNotContain("outside", (await Raw(first.Port, $"GET /files/../{Path.GetFileName(outside)}?token={token} HTTP/1.1")));
            Assert.DoesNotContain("outside", (await Raw(first.Port, $"GET /files/%2e%2e/{Path.GetFileName(outside)}?token={token} HTTP/1.1")));
            using (var client = new HttpClient())
            {
                var post = await client.PostAsync(first.Url, new StringContent("System.IO.File.WriteAllText(\"x\", \"y\")"));
                Assert.False(post.IsSuccessStatusCode);
            }

            Assert.Equal(0, first.Interrupt());
            Assert.Equal(0, second.Interrupt());
            Assert.Contains("Stopped.", first.Output);
            var left = WatchRunner.ProcessesMentioning(dir.Path);
            for (var i = 0; i < 100 && left.Count > 0; i++)
            {
                await Task.Delay(100);
                left = WatchRunner.ProcessesMentioning(dir.Path);
            }
            Assert.Empty(left);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> Get(string url, string? host = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (host is not null) request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // A request line sent as is (HttpClient would tidy "..").
    private static async Task<string> Raw(int port, string requestLine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    // A copy in a temporary folder, its paths to this repository's projects made absolute.
    private static string CopyWithAbsolutePaths(string source, TempDir dir)
    {
        var target = dir.File(Path.GetFileName(source));
        File.WriteAllText(target, File.ReadAllText(source).Replace("../src/", Path.Combine(Repo.Root, "src") + "/", StringComparison.Ordinal));
        return target;
    }
}
