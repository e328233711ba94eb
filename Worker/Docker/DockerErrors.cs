using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Turns what Docker.DotNet throws into the engine errors the domain branches on.</summary>
internal static class DockerErrors
{
    /// <returns>The exception to throw instead, or null to let <paramref name="error"/> through (the caller cancelled, a bug).</returns>
    public static Exception? Translate(Exception error, string what, CancellationToken ct) => error switch
    {
        OperationCanceledException when ct.IsCancellationRequested => null,
        // The library's own request timeout, not the caller's token: for us the engine did not answer.
        OperationCanceledException => new EngineUnavailableException($"Docker engine did not answer {what} in time.", error),
        DockerApiException { StatusCode: HttpStatusCode.Conflict } api => new EngineConflictException(MessageOf(api), api),
        DockerApiException api => new EngineRequestException(api.StatusCode, MessageOf(api), api),
        HttpRequestException or IOException or SocketException or ObjectDisposedException =>
            new EngineUnavailableException($"Docker engine is unavailable ({what}): {error.Message}", error),
        _ => null,
    };

    public static bool IsNotFound(Exception error) => error is DockerApiException { StatusCode: HttpStatusCode.NotFound };

    /// <summary>The engine's own words (<c>{"message": "..."}</c>), not the library's wrapping of them.</summary>
    public static string MessageOf(DockerApiException error)
    {
        try
        {
            using var body = JsonDocument.Parse(error.ResponseBody ?? "");
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy in between, an old engine): the raw text is still the best explanation.
        }

        var raw = error.ResponseBody?.Trim();
        return string.IsNullOrEmpty(raw) ? $"Docker engine answered {(int)error.StatusCode} {error.StatusCode}." : raw;
    }
}
