using System.Text.Json;

namespace Aspire.Sandbox.TestSupport;

/// <summary>A frame as a viewer received it (JSON whatever the hub protocol), with its arrival time (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
public sealed record ReceivedFrame(JsonElement Json, long ArrivalTimestamp)
{
    public string Id => Json.GetProperty("id").GetString()!;
    public string Type => Json.GetProperty("type").GetString()!;
    public string? Run => Json.GetProperty("run").GetString();
    public string Text(string property) => Json.GetProperty(property).GetString() ?? "";

    /// <summary>When the worker made the frame from what it read (<c>ts</c>, µs): unlike arrival, not bunched by a busy test process.</summary>
    public DateTimeOffset MadeAt => DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks(Json.GetProperty("ts").GetInt64() * 10);

    /// <summary>How long the worker took from reading <paramref name="first"/> to reading <paramref name="last"/>.</summary>
    public static TimeSpan MadeBetween(ReceivedFrame first, ReceivedFrame last) => last.MadeAt - first.MadeAt;
}
