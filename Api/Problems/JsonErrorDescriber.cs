using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Aspire.Sandbox.Api.Problems;

/// <summary>
/// Turns a JSON reading failure into a field name and a sentence a client can act on. The serializer's
/// own messages name .NET types, so the expectation is worked out from the contract's type instead.
/// </summary>
public static class JsonErrorDescriber
{
    public static (string Field, string Message) Describe(JsonException error, Type? bodyType, JsonSerializerOptions options)
    {
        var segments = JsonPath.Segments(error.Path);
        var field = JsonPath.Field(segments);
        var inner = error.InnerException;

        // The reader's own exception: the text is not JSON at all (its message names no types).
        if (inner is JsonException reader && reader.GetType() != typeof(JsonException))
            return (field, IsEncoding(reader.Message) ? "The body is not valid UTF-8 text." : $"Malformed JSON: {reader.Message}");
        if (inner is InvalidOperationException encoding && IsEncoding(encoding.Message))
            return (field, "The text is not valid UTF-8 (or holds an unpaired UTF-16 surrogate).");
        if (error.Message.Contains("Duplicate", StringComparison.Ordinal)) return (field, "This field appears more than once.");

        var (expected, known) = Expected(segments, bodyType, options);
        if (!known) return (field, "Unknown field: the contract has no field of this name here.");
        return (field, expected is null ? "This value is not valid here." : $"Expected {expected}.");
    }

    private static bool IsEncoding(string message) =>
        message.Contains("UTF-8", StringComparison.Ordinal) || message.Contains("UTF-16", StringComparison.Ordinal) || message.Contains("surrogate", StringComparison.Ordinal);

    /// <summary>Walks the contract type along the path; <c>known</c> is false when a property does not exist.</summary>
    private static (string? Expected, bool Known) Expected(IReadOnlyList<object> segments, Type? type, JsonSerializerOptions options)
    {
        if (type is null) return (null, true);
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(Unwrap(type));
            Type? next = info.Kind switch
            {
                JsonTypeInfoKind.Object when segment is string name =>
                    info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
            if (next is null) return (null, info.Kind != JsonTypeInfoKind.Object);
            type = next;
        }
        return (Describe(type, options), true);
    }

    private static string Describe(Type type, JsonSerializerOptions options)
    {
        type = Unwrap(type);
        if (type == typeof(string)) return "a string";
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(bool)) return "true or false";
        var info = options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"an array of {Plural(Describe(info.ElementType!, options))}",
            JsonTypeInfoKind.Dictionary => $"an object whose values are {Plural(Describe(info.ElementType!, options))}",
            JsonTypeInfoKind.Object => "an object",
            _ => "a value of another type",
        };
    }

    private static string Plural(string noun) => noun switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        "an object" => "objects",
        _ => noun,
    };

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;
}
