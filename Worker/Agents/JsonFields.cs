using System.Text.Json;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Lenient readers for agent events: a field of the wrong kind reads as absent instead of throwing,
/// because agent output is untrusted and a parser must never crash on it.
/// </summary>
public static class JsonFields
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean() : null;

    public static int? Int(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static JsonElement? Obj(this JsonElement e, string name) => Kind(e, name, JsonValueKind.Object);

    public static JsonElement? Arr(this JsonElement e, string name) => Kind(e, name, JsonValueKind.Array);

    /// <summary>Any value but null: what a field that may hold any JSON holds.</summary>
    public static JsonElement? Any(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    private static JsonElement? Kind(JsonElement e, string name, JsonValueKind kind) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : null;
}
