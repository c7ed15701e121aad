using System.Runtime.InteropServices;

namespace ScalarAutograd.Runner;

/// <summary>
/// <c>--watch</c>: runs the notebook, serves its page on 127.0.0.1 (the URL, with its token, is printed) and keeps
/// it up to date as the file is saved, until Ctrl-C, which ends the kernel process too.
/// </summary>
internal static class WatchCommand
{
    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Notebook;
        if (Directory.Exists(path)) throw new NotebookException($"'{path}' is a folder, not a notebook: give a .dib, .ipynb or percent-format .cs file.");
        if (!WatchedFile.IsFileApp(path) && Path.GetExtension(path).ToLowerInvariant() is not (".dib" or ".ipynb"))
            throw new NotebookException($"Cannot watch '{path}': expected a .dib or .ipynb notebook, or a .cs file with // %% cells.");
        var state = new WatchState(Path.GetFileName(path));
        state.Update(WatchedFile.Read(path)); // a problem with the file is reported before anything starts (exit 2)
        state.SetStatus("Starting…", warn: false, busy: true);

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        WatchLoop? loop = null;
        await using var server = await WatchServer.StartAsync(options.Port, Path.GetDirectoryName(path)!, state, () => loop?.RequestRestart(), stop.Cancel);
        using (loop = new WatchLoop(path, state, options.CellTimeout, server.Publish, line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}")))
        using (stop.Token.Register(loop.Dispose)) // ends the kernel at once, even in the middle of a cell
        {
            if (server.Port != options.Port) Console.WriteLine($"Port {options.Port} is in use: took {server.Port}.");
            var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            Console.WriteLine($"Watching {(shown.StartsWith("..", StringComparison.Ordinal) ? path : shown)}: open {server.Url}");
            Console.WriteLine("Edit and save the file in any editor; the page follows. Ctrl-C stops.");
            try
            {
                await loop.RunAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C
            }
        }
        Console.WriteLine("Stopped.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // stop in order: the loop, the kernel process, the server
            stop.Cancel();
        }
    }
}
