using System.Runtime.InteropServices;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Ctrl+C, SIGTERM and SIGQUIT request a graceful stop; a second one means "now" (children are killed).
/// Children run in sessions of their own (see ChildProcess), so a terminal's Ctrl+C reaches only the AppHost,
/// which stops them in reverse dependency order.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action _force;

    public ShutdownSignals(Action force)
    {
        _force = force;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
        ];
    }

    public CancellationToken Token => _requested.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the runtime from terminating the AppHost: we exit once the children are gone.
        context.Cancel = true;
        if (_requested.IsCancellationRequested)
        {
            _force();
        }
        else
        {
            _requested.Cancel();
        }
    }
}
