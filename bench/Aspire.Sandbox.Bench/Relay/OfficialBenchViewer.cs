using Aspire.Sandbox.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>A relay viewer on the official SignalR client: decodes each frame's id and ts, nothing else.</summary>
public sealed class OfficialBenchViewer : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private OfficialBenchViewer(HubConnection connection, LatencyHistogram latencies, Func<Window?> window)
    {
        _connection = connection;
        connection.On<BenchFrame[]>("frames", frames =>
        {
            var now = Clock.NowMicros();
            var current = window();
            foreach (var frame in frames)
            {
                var dash = frame.Id.IndexOf('-');
                Stats.Frame(long.Parse(frame.Id.AsSpan(0, dash)), long.Parse(frame.Id.AsSpan(dash + 1)), frame.Ts, now, current, latencies);
            }
        });
    }

    public ReceiverStats Stats { get; } = new();

    public static async Task<OfficialBenchViewer> ConnectAsync(Uri web, string token, HubWireProtocol protocol, LatencyHistogram latencies, Func<Window?> window, CancellationToken ct)
    {
        var viewer = new OfficialBenchViewer(SessionsHubConnection.Build(web, token, protocol), latencies, window);
        await viewer._connection.StartAsync(ct);
        return viewer;
    }

    public Task SubscribeAsync(string session, string? after, CancellationToken ct) =>
        _connection.InvokeAsync("Subscribe", session, after, ct);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
