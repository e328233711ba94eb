using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>One span as an OTLP exporter sent it: ids as lowercase hex ("" for no parent), kind as OTLP numbers it.</summary>
public sealed record ReceivedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP's <c>Span.SpanKind</c>.</summary>
    public const int Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5;

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() => $"{Service}: {Name} (span {SpanId}, parent {(ParentSpanId.Length > 0 ? ParentSpanId : "none")}, kind {Kind})";
}

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 for a test: <c>POST /v1/traces</c> (protobuf) is decoded and kept; metrics and
/// logs are accepted and dropped. Every request's path and content type is kept too, so a test can check how the
/// services exported (OTLP/HTTP with protobuf, not gRPC).
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType)> _requests = new();

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public IReadOnlyCollection<(string Path, string? ContentType)> Requests => _requests;

    public static async Task<OtlpTraceReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            receiver._requests.Enqueue((context.Request.Path, context.Request.ContentType));
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            foreach (var span in OtlpTraceDecoder.Decode(body.ToArray())) receiver._spans.Enqueue(span);
            return Results.Bytes([], "application/x-protobuf"); // an empty ExportTraceServiceResponse: all accepted
        });
        app.MapPost("/v1/{signal}", (HttpContext context) =>
        {
            receiver._requests.Enqueue((context.Request.Path, context.Request.ContentType));
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapFallback((HttpContext context) =>
        {
            receiver._requests.Enqueue((context.Request.Path, context.Request.ContentType));
            return Results.NotFound();
        });
        await app.StartAsync(ct);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Reads just what the session-trace test needs from an OTLP <c>ExportTraceServiceRequest</c> (protobuf), by field
/// number, with <see cref="CodedInputStream"/>; everything else is skipped. Field numbers from the OTLP protos
/// (opentelemetry/proto/collector/trace/v1/trace_service.proto, trace/v1/trace.proto, resource/v1/resource.proto,
/// common/v1/common.proto):
/// <code>
/// ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
/// ResourceSpans             { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
/// Resource                  { repeated KeyValue attributes = 1; }
/// ScopeSpans                { repeated Span spans = 2; }
/// Span                      { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5;
///                             SpanKind kind = 6; repeated KeyValue attributes = 9; }
/// KeyValue                  { string key = 1; AnyValue value = 2; }
/// AnyValue                  { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; … } }
/// </code>
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        ForEachField(request, (field, input) =>
        {
            if (field == 1) ReadResourceSpans(input.ReadBytes(), spans); // resource_spans
            else input.SkipLastField();
        });
        return spans;
    }

    private static void ReadResourceSpans(ByteString resourceSpans, List<ReceivedSpan> spans)
    {
        // The resource (with service.name) may come before or after its spans: spans are read once it is known.
        var service = "";
        var scopes = new List<ByteString>();
        ForEachField(resourceSpans, (field, input) =>
        {
            if (field == 1) service = ReadAttributes(input.ReadBytes(), attributesField: 1).GetValueOrDefault("service.name", ""); // resource
            else if (field == 2) scopes.Add(input.ReadBytes()); // scope_spans
            else input.SkipLastField();
        });
        foreach (var scope in scopes)
            ForEachField(scope, (field, input) =>
            {
                if (field == 2) spans.Add(ReadSpan(input.ReadBytes(), service)); // spans
                else input.SkipLastField();
            });
    }

    private static ReceivedSpan ReadSpan(ByteString span, string service)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        ForEachField(span, (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4: parentSpanId = Hex(input.ReadBytes()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 9: AddAttribute(input.ReadBytes(), attributes); break;
                default: input.SkipLastField(); break;
            }
        });
        return new ReceivedSpan(service, traceId, spanId, parentSpanId, name, kind, attributes);
    }

    /// <summary>The string, bool and integer attributes (repeated KeyValue at <paramref name="attributesField"/>) of a message.</summary>
    private static Dictionary<string, string> ReadAttributes(ByteString message, int attributesField)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        ForEachField(message, (field, input) =>
        {
            if (field == attributesField) AddAttribute(input.ReadBytes(), attributes);
            else input.SkipLastField();
        });
        return attributes;
    }

    private static void AddAttribute(ByteString keyValue, Dictionary<string, string> attributes)
    {
        string key = "", value = "";
        ForEachField(keyValue, (field, input) =>
        {
            if (field == 1) key = input.ReadString();
            else if (field == 2)
                ForEachField(input.ReadBytes(), (valueField, anyValue) => value = valueField switch
                {
                    1 => anyValue.ReadString(), // string_value
                    2 => anyValue.ReadBool() ? "true" : "false", // bool_value
                    3 => anyValue.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), // int_value
                    _ => Skip(anyValue, value),
                });
            else input.SkipLastField();
        });
        attributes[key] = value;
    }

    private static string Skip(CodedInputStream input, string value)
    {
        input.SkipLastField();
        return value;
    }

    /// <summary>Calls <paramref name="read"/> for each field of a message; it must read or skip the field's value.</summary>
    private static void ForEachField(ByteString message, Action<int, CodedInputStream> read) => ForEachField(message.ToByteArray(), read);

    private static void ForEachField(byte[] message, Action<int, CodedInputStream> read)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0) read(WireFormat.GetTagFieldNumber(tag), input);
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
