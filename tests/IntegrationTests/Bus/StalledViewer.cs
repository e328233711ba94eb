using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// A hub client that subscribes and then stops reading its socket (a frozen tab, a phone in a tunnel), and
/// later reads whatever did reach it, up to the server's close.
/// </summary>
public sealed class StalledViewer : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private readonly ClientWebSocket _socket = new();

    public static async Task<StalledViewer> SubscribeAsync(Uri web, string token, string session)
    {
        var viewer = new StalledViewer();
        await viewer._socket.ConnectAsync(new Uri($"ws://{web.Authority}/hubs/sessions?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        await viewer.SendAsync("""{"protocol":"json","version":1}""");
        await viewer.SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Subscribe", arguments = new object?[] { session, null } }));
        return viewer;
    }

    /// <summary>
    /// Reads until the connection ends — pausing <paramref name="pause"/> after each read, to play a slow reader —
    /// and returns the frame ids that made it and the server's close message error if one came.
    /// </summary>
    public async Task<(List<string> Ids, string? CloseError)> ReadToEndAsync(TimeSpan timeout, TimeSpan pause = default)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var ids = new List<string>();
        string? closeError = null;
        var pending = new List<byte>();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                pending.AddRange(buffer.AsSpan(0, result.Count));
                int end;
                while ((end = pending.IndexOf(RecordSeparator)) >= 0)
                {
                    var record = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
                    pending.RemoveRange(0, end + 1);
                    closeError ??= Read(record, ids);
                }
                if (pause > TimeSpan.Zero) await Task.Delay(pause, deadline.Token);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the connection.
        }
        return (ids, closeError);
    }

    private static string? Read(string record, List<string> ids)
    {
        using var message = JsonDocument.Parse(record);
        var root = message.RootElement;
        if (!root.TryGetProperty("type", out var type)) return null; // the handshake answer
        if (type.GetInt32() == 1 && root.GetProperty("target").GetString() == "frames")
            ids.AddRange(root.GetProperty("arguments")[0].EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
        return type.GetInt32() == 7 && root.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + (char)RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
