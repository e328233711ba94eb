using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Which client the relay matrix watches with. <c>RELAY_CLIENT=lean</c> (default) is <see cref="BenchHubClient"/>
/// (JSON); <c>official</c> is the official SignalR client (<see cref="OfficialBenchViewer"/>) with
/// <c>RELAY_PROTOCOL=json</c> (default) or <c>messagepack</c>. MessagePack needs the official client.
/// </summary>
public sealed record BenchViewers(bool Official, TestSupport.HubWireProtocol Protocol)
{
    public static BenchViewers FromEnvironment()
    {
        var protocol = Environment.GetEnvironmentVariable("RELAY_PROTOCOL")?.ToLowerInvariant() switch
        {
            null or "" or "json" => TestSupport.HubWireProtocol.Json,
            "messagepack" => TestSupport.HubWireProtocol.MessagePack,
            var other => throw new ArgumentException($"RELAY_PROTOCOL={other}: json or messagepack"),
        };
        var official = Environment.GetEnvironmentVariable("RELAY_CLIENT")?.ToLowerInvariant() switch
        {
            null or "" or "lean" => protocol != TestSupport.HubWireProtocol.Json,
            "official" => true,
            var other => throw new ArgumentException($"RELAY_CLIENT={other}: lean or official"),
        };
        return new BenchViewers(official, protocol);
    }

    public override string ToString() =>
        (Official ? "official client, " : "lean client, ") + Protocol.ToString().ToLower(CultureInfo.InvariantCulture);
}
