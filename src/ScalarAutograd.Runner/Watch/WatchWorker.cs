using System.IO.Pipes;
using System.Text.Json;

namespace ScalarAutograd.Runner;

/// <summary>What the runner asks the watch worker to do: run this code as this cell.</summary>
internal sealed record RunCommand(int Cell, int Pass, string Code);

/// <summary>
/// The worker kind that <c>--watch</c> keeps alive (<c>ScalarAutograd.Runner --watch-worker folder pipe</c>): one
/// kernel, running whichever cell the runner sends next over a named pipe only this user can open, and answering
/// with the same <c>start</c>/<c>done</c> messages as <see cref="Worker"/>. Its stdin stays closed for cells; when
/// the runner goes away (the pipe closes) it ends by itself.
/// </summary>
internal static class WatchWorker
{
    public const string Flag = "--watch-worker";

    public static async Task<int> RunAsync(string folder, string pipeName)
    {
        using var channel = new WorkerChannel();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            channel.Send(new WorkerMessage("crash", Error: e.ExceptionObject.ToString()));
        using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.In, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await pipe.ConnectAsync(60_000);
        Directory.SetCurrentDirectory(folder); // relative #r paths, as in VS Code
        using var kernel = CellExecutor.CreateKernel();
        await CellExecutor.RunAsync(kernel, "0"); // warm up Roslyn before the first cell's clock starts
        using var commands = new StreamReader(pipe);
        while (await commands.ReadLineAsync() is { } line)
        {
            var command = JsonSerializer.Deserialize<RunCommand>(line)!;
            channel.Send(new WorkerMessage("start", command.Cell, command.Pass));
            channel.Send(WorkerMessage.Done(command.Cell, command.Pass, await CellExecutor.RunAsync(kernel, command.Code)));
        }
        return 0;
    }
}
