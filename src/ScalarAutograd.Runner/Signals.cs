using System.Runtime.InteropServices;

namespace ScalarAutograd.Runner;

/// <summary>
/// SIGTERM, SIGINT (Ctrl+C) and SIGHUP, caught instead of ending the runner at once: the run stops its worker,
/// writes the notebook up to the cell that was running, marked interrupted, and exits 128 + the signal's number
/// (143, 130, 129), as a shell reports a process a signal ended.
/// </summary>
internal sealed class Signals : IDisposable
{
    private readonly CancellationTokenSource _received = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Signals()
    {
        foreach (var (signal, name, number) in new[] { (PosixSignal.SIGTERM, "SIGTERM", 15), (PosixSignal.SIGINT, "SIGINT", 2), (PosixSignal.SIGHUP, "SIGHUP", 1) })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // we end the run ourselves, once the worker is stopped and the notebook written
                lock (_received)
                {
                    if (Received is not null) return;
                    Received = name;
                    ExitCode = 128 + number;
                }
                _received.Cancel();
            }));
        }
    }

    /// <summary>The first signal received ("SIGTERM"), or null.</summary>
    public string? Received { get; private set; }

    /// <summary>128 + the number of the first signal received.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _received.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _received.Dispose();
    }
}
