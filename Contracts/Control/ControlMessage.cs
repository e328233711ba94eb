using System.Text.Json;

namespace Aspire.Sandbox.Contracts.Control;

/// <summary>
/// A command for the process a worker is running in a session: bytes for its stdin or PTY, a
/// PTY resize, or stop. Sent over the session's control channel, outside the work queue, so it
/// reaches a run that is in progress.
/// </summary>
public sealed record ControlMessage(string Kind, string? RunId = null, string? Data = null, int? Cols = null, int? Rows = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static ControlMessage? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<ControlMessage>(json, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }
}
