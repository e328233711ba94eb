using System.Text.Json;

namespace Aspire.Sandbox.TestSupport;

/// <summary>A frame as a viewer received it (JSON whatever the hub protocol), with its arrival time (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
public sealed record ReceivedFrame(JsonElement Json, long ArrivalTimestamp)
{
    public string Id => Json.GetProperty("id").GetString()!;
    public string Type => Json.GetProperty("type").GetString()!;
    public string? Run => Json.GetProperty("run").GetString();
    public string Text(string property) => Json.GetProperty(property).GetString() ?? "";
}
