using System.Diagnostics;
using System.IO.Pipes;
using System.Text;

namespace ScalarAutograd.Runner;

/// <summary>
/// The worker's side of its two pipes to the runner, which the runner passes it as inherited handles: messages,
/// one JSON line each, go on a pipe of their own, so nothing a cell prints (to the console or straight to the
/// process's stdout) can be taken for one; and a lifeline the runner never writes to, whose end of input means
/// the runner has ended, however it ended (even SIGKILL), so the worker ends too instead of running on unwatched.
/// </summary>
internal sealed class WorkerChannel : IDisposable
{
    /// <summary>The environment variable that carries the two handles: "&lt;messages&gt; &lt;lifeline&gt;".</summary>
    public const string Variable = "SCALARAUTOGRAD_RUNNER_PIPES";

    private readonly StreamWriter _writer;
    private readonly AnonymousPipeClientStream _lifeline;
    private volatile bool _disposed;

    public WorkerChannel()
    {
        if (Environment.GetEnvironmentVariable(Variable)?.Split(' ') is not [var messages, var lifeline])
            throw new InvalidOperationException($"{Worker.Flag} is the runner's own: the runner starts its worker with the pipes it reads.");
        Environment.SetEnvironmentVariable(Variable, null); // not handed on to programs that cells start
        _writer = new StreamWriter(new AnonymousPipeClientStream(PipeDirection.Out, messages), new UTF8Encoding(false)) { AutoFlush = true };
        _lifeline = new AnonymousPipeClientStream(PipeDirection.In, lifeline);
        new Thread(WatchRunner) { IsBackground = true, Name = "runner lifeline" }.Start();
    }

    public void Send(WorkerMessage message)
    {
        lock (_writer) _writer.WriteLine(message.ToLine());
    }

    private void WatchRunner()
    {
        try
        {
            _lifeline.ReadByte();
        }
        catch (IOException)
        {
            // the same: the runner's end is gone
        }
        if (!_disposed) Process.GetCurrentProcess().Kill(); // a cell may be spinning: nothing short of this stops it
    }

    public void Dispose()
    {
        _disposed = true;
        _writer.Dispose();
    }
}
