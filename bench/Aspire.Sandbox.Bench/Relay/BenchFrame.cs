using System.Text.Json.Serialization;
using MessagePack;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The two fields of a frame the relay figures need; both hub protocols skip the others while decoding.</summary>
[MessagePackObject]
public sealed class BenchFrame
{
    [Key("id"), JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [Key("ts"), JsonPropertyName("ts")]
    public long Ts { get; set; }
}
