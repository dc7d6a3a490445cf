using System.Runtime.InteropServices;

namespace MaPLe.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into cancellation, so a training run stops at a step boundary and keeps
/// its checkpoint; a second signal is left to the runtime's default handling, which ends the process at once.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    /// <summary>Creates the handler; <see cref="Register"/> connects it to the process's signals.</summary>
    public TerminationSignals(TextWriter error) => _error = error;

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code of the signal received (130 for SIGINT, 143 for SIGTERM), or null when none came.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Handles SIGINT and SIGTERM for this process until disposed.</summary>
    public static TerminationSignals Register(TextWriter error)
    {
        var signals = new TerminationSignals(error);
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.Handle));
        signals._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.Handle));
        return signals;
    }

    /// <summary>What a signal does: the first cancels (and keeps the process alive), a later one aborts.</summary>
    public void Handle(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Interlocked.Increment(ref _received) > 1)
        {
            context.Cancel = false;   // the runtime's default: terminate now
            return;
        }
        context.Cancel = true;
        ExitCode = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        _error.WriteLine(context.Signal == PosixSignal.SIGTERM
            ? "SIGTERM: stopping at the next step boundary..."
            : "Ctrl-C: stopping at the next step boundary (press Ctrl-C again to abort at once)...");
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
