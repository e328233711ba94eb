using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// A hub client that subscribes and then stops reading its connection (a frozen tab, a phone in a tunnel), and
/// later reads whatever did reach it, up to the server's close. Built on the official client's connection and
/// JSON hub protocol one layer below <c>HubConnection</c>, which reads everything the server sends into an
/// unbounded queue as it comes and so can never stall the way a frozen tab does.
/// </summary>
public sealed class StalledViewer : IAsyncDisposable
{
    private static readonly JsonHubProtocol Protocol = new();
    private readonly HttpConnection _connection;

    private StalledViewer(HttpConnection connection) => _connection = connection;

    public static async Task<StalledViewer> SubscribeAsync(Uri web, string token, string session)
    {
        var options = new HttpConnectionOptions
        {
            Url = new Uri(web, SessionsHubConnection.Path),
            Transports = HttpTransportType.WebSockets,
            SkipNegotiation = true,
            AccessTokenProvider = () => Task.FromResult<string?>(token),
        };
        var viewer = new StalledViewer(new HttpConnection(options, NullLoggerFactory.Instance));
        await viewer._connection.StartAsync(TransferFormat.Text);
        var output = viewer._connection.Transport.Output;
        HandshakeProtocol.WriteRequestMessage(new HandshakeRequestMessage(Protocol.Name, Protocol.Version), output);
        Protocol.WriteMessage(new InvocationMessage("1", "Subscribe", [session, null]), output);
        await output.FlushAsync();
        return viewer;
    }

    /// <summary>
    /// Reads until the connection ends — pausing <paramref name="pause"/> after each read, to play a slow reader —
    /// and returns the frame ids that made it and the server's close message error if one came.
    /// </summary>
    public async Task<(List<string> Ids, string? CloseError)> ReadToEndAsync(TimeSpan timeout, TimeSpan pause = default)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var input = _connection.Transport.Input;
        var ids = new List<string>();
        string? closeError = null;
        var handshaken = false;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(deadline.Token);
                var buffer = result.Buffer;
                if (!handshaken && HandshakeProtocol.TryParseResponseMessage(ref buffer, out var handshake))
                {
                    if (handshake.Error is { } refused) throw new InvalidOperationException($"Handshake refused: {refused}");
                    handshaken = true;
                }
                while (handshaken && Protocol.TryParseMessage(ref buffer, FramesBinder.Instance, out var message))
                    closeError ??= Read(message, ids);
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
                if (pause > TimeSpan.Zero) await Task.Delay(pause, deadline.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server dropped the connection.
        }
        return (ids, closeError);
    }

    private static string? Read(HubMessage? message, List<string> ids)
    {
        switch (message)
        {
            case InvocationMessage { Target: "frames" } frames:
                ids.AddRange(((JsonElement[])frames.Arguments[0]!).Select(f => f.GetProperty("id").GetString()!));
                return null;
            case CloseMessage close:
                return close.Error;
            default:
                return null;
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>The types the protocol decodes into: frames as JSON, anything else as whatever it is.</summary>
    private sealed class FramesBinder : IInvocationBinder
    {
        public static readonly FramesBinder Instance = new();

        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            methodName == "frames" ? [typeof(JsonElement[])] : throw new InvalidOperationException($"Unexpected client method {methodName}.");

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
