using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Resolves the tracer and meter providers when the host starts so they listen from the first request;
/// the container disposes them (flushing the exporters) when the host shuts down.
/// </summary>
internal sealed class OpenTelemetryProvidersActivator(TracerProvider tracerProvider, MeterProvider meterProvider)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracerProvider);
        GC.KeepAlive(meterProvider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
