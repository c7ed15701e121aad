using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace ScalarAutograd.Notebook.Tests;

/// <summary>
/// Clients nobody here wrote: Jupyter (nbconvert with the .NET kernel), headless Chromium (puppeteer-core) and
/// JupyterLab's sanitizer, driven through the scripts in tests/clients. tests/test.sh installs all of them.
/// </summary>
internal static class RealClients
{
    public static string Clients => Path.Combine(Repo.Root, "tests", "clients");

    /// <summary>Fails with what to do when a client is missing: these tests never skip.</summary>
    public static void Require()
    {
        var missing = new List<string>();
        if (GlobalTools.Find("jupyter") is null) missing.Add("jupyter (apt-get install -y jupyter-nbconvert jupyter-client python3-nbformat)");
        if (!File.Exists("/usr/bin/jupyter-notebook")) missing.Add("the classic Notebook app (apt-get install -y jupyter-notebook python3-ipykernel)");
        if (GlobalTools.Find("dotnet-interactive") is null) missing.Add("dotnet-interactive (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001; dotnet interactive jupyter install)");
        if (GlobalTools.Find("node") is null) missing.Add("node (apt-get install -y nodejs npm)");
        if (!File.Exists("/usr/bin/chromium") && Environment.GetEnvironmentVariable("CHROMIUM") is null) missing.Add("chromium (apt-get install -y chromium)");
        if (!Directory.Exists(Path.Combine(Clients, "node_modules", "puppeteer-core"))) missing.Add("tests/clients/node_modules (cd tests/clients && npm ci)");
        Assert.True(missing.Count == 0, "Missing real clients — bash tests/test.sh installs them: " + string.Join("; ", missing));
    }

    /// <summary>Fails with what to do when <c>dotnet interactive stdio</c> (the kernel VS Code starts) is missing: these tests never skip.</summary>
    public static void RequireStdio() =>
        Assert.True(StdioKernel.ToolPath is not null, "Missing real client — bash tests/test.sh installs it: dotnet-interactive (" + StdioKernel.InstallHelp + ")");

    /// <summary>A .dib as an .ipynb for the .NET C# kernel (kernelspec, language_info, nbformat 4.5 cell ids).</summary>
    public static string ToIpynb(string dibPath)
    {
        var kernels = new KernelInfoCollection { new("csharp", "C#", ["c#", "cs"]), new("markdown", "Markdown", ["md"]) };
        var document = CodeSubmission.Parse(File.ReadAllText(dibPath), kernels);
        for (var i = 0; i < document.Elements.Count; i++) document.Elements[i].Id = $"cell-{i + 1:00}";
        var root = JsonNode.Parse(Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.ToJupyterJson(document))!.AsObject();
        var metadata = root["metadata"] as JsonObject ?? [];
        root["metadata"] = metadata;
        metadata["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        metadata["language_info"] = new JsonObject { ["name"] = "C#", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["pygments_lexer"] = "csharp" };
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Runs <paramref name="ipynb"/> with `jupyter nbconvert --execute` from <paramref name="folder"/>, writing <paramref name="output"/>.</summary>
    public static Result Execute(string folder, string ipynb, string output) =>
        Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
            "--output-dir", Path.GetDirectoryName(output)!, "--output", Path.GetFileName(output), ipynb], folder, TimeSpan.FromMinutes(10));

    /// <summary>The executed notebook as HTML, JupyterLab's stylesheet and all (nbconvert's lab template).</summary>
    public static string ToHtml(string executed)
    {
        var run = Run("jupyter", ["nbconvert", "--to", "html", executed], Path.GetDirectoryName(executed)!, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.ToString());
        return Path.ChangeExtension(executed, ".html");
    }

    /// <summary>Runs a checker script from tests/clients and returns its JSON report.</summary>
    public static JsonElement Check(string script, params string[] args)
    {
        var run = Run("node", [Path.Combine(Clients, script), .. args], Clients, TimeSpan.FromMinutes(5)); // a loaded machine: the Notebook app takes 40 s idle
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    public static List<string> Failures(JsonElement report) =>
        report.GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToList();

    // Jupyter starts the .NET kernel as `dotnet interactive …`: the global tool must be on PATH.
    public static Result Run(string program, string[] args, string workingDirectory, TimeSpan timeout) =>
        Repo.Run(GlobalTools.Find(program) ?? program, args, workingDirectory, timeout,
            new Dictionary<string, string> { ["PATH"] = GlobalTools.SearchPath, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
}
