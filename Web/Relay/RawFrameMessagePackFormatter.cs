using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using MessagePack;
using MessagePack.Formatters;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// A frame for clients of the MessagePack hub protocol: its JSON written as the same value in MessagePack (an
/// object becomes a map with the same keys), so such a client decodes the very frame a JSON client gets. Runs
/// once per batch for all MessagePack connections (<see cref="Microsoft.AspNetCore.SignalR.SerializedHubMessage"/>
/// caches per protocol); JSON connections never reach it.
/// </summary>
internal sealed class RawFrameMessagePackFormatter : IMessagePackFormatter<RawFrame>
{
    public void Serialize(ref MessagePackWriter writer, RawFrame value, MessagePackSerializerOptions options)
    {
        using var document = JsonDocument.Parse(value.Json);
        Write(ref writer, document.RootElement);
    }

    public RawFrame Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Frames only go from the Web to its clients.");

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject()) count++;
                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) Write(ref writer, item);
                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer)) writer.Write(integer);
                else if (element.TryGetUInt64(out var large)) writer.Write(large);
                else writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }
}
