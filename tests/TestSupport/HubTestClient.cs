using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Aspire.Sandbox.TestSupport;

/// <summary>
/// A client of the SignalR JSON hub protocol over a WebSocket (the .NET SignalR client package is
/// not installable here). Records every frame received with its arrival time.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ReceivedFrame> _frames = Channel.CreateUnbounded<ReceivedFrame>();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _invocations = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextInvocation;
    private bool _closed; // under _invocations' lock

    public ChannelReader<ReceivedFrame> Frames => _frames.Reader;

    public static async Task<HubTestClient> ConnectAsync(Uri webBase, string accessToken, CancellationToken ct)
    {
        var client = new HubTestClient();
        var scheme = webBase.Scheme == "https" ? "wss" : "ws";
        var uri = new Uri($"{scheme}://{webBase.Authority}/hubs/sessions?access_token={Uri.EscapeDataString(accessToken)}");
        await client._socket.ConnectAsync(uri, ct);
        await client.SendAsync("""{"protocol":"json","version":1}""", ct);
        var handshake = await client.ReceiveMessagesAsync(ct);
        if (handshake.Count == 0 || handshake[0] != "{}") throw new InvalidOperationException($"Handshake failed: {string.Join(",", handshake)}");
        client._receiving = Task.Run(() => client.ReceiveLoopAsync(client._stop.Token));
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion; a hub error becomes an exception.</summary>
    public async Task InvokeAsync(string target, object?[] arguments, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_invocations)
        {
            if (_closed) throw new WebSocketException("The connection is closed.");
            _invocations[id] = done;
        }
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }), ct);
        var completion = await done.Task.WaitAsync(ct);
        if (completion.TryGetProperty("error", out var error)) throw new HubInvocationException(error.GetString() ?? "hub error");
    }

    public Task SubscribeAsync(string sessionId, string? afterId, CancellationToken ct) =>
        InvokeAsync("Subscribe", [sessionId, afterId], ct);

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var messages = await ReceiveMessagesAsync(ct);
                if (messages.Count == 0) break;
                foreach (var message in messages) Dispatch(message);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        finally
        {
            _frames.Writer.TryComplete();
            FailPendingInvocations();
        }
    }

    /// <summary>A connection that ends (the server went away) leaves no invocation waiting for an answer that cannot come.</summary>
    private void FailPendingInvocations()
    {
        lock (_invocations)
        {
            _closed = true;
            foreach (var pending in _invocations.Values) pending.TrySetException(new WebSocketException("The connection closed before the hub answered."));
            _invocations.Clear();
        }
    }

    private void Dispatch(string message)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").GetString() == "frames":
                foreach (var frame in root.GetProperty("arguments")[0].EnumerateArray())
                    _frames.Writer.TryWrite(new ReceivedFrame(frame.Clone(), arrived));
                break;
            case 3:
                TaskCompletionSource<JsonElement>? pending;
                lock (_invocations) _invocations.Remove(root.GetProperty("invocationId").GetString()!, out pending);
                pending?.TrySetResult(root.Clone());
                break;
            case 7:
                _frames.Writer.TryComplete(new InvalidOperationException($"Server closed the connection: {message}"));
                FailPendingInvocations();
                break;
        }
    }

    private Task SendAsync(string json, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, ct);

    /// <summary>Reads one WebSocket message and splits it into protocol messages.</summary>
    private async Task<List<string>> ReceiveMessagesAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct);
            if (result.MessageType == WebSocketMessageType.Close) return [];
            buffer.Advance(result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)); }
        // Cancelling the receive loop may already have aborted the socket: then there is nothing to close.
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException or OperationCanceledException) { }
        await _receiving.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
    }
}

public sealed record ReceivedFrame(JsonElement Json, long ArrivalTimestamp)
{
    public string Id => Json.GetProperty("id").GetString()!;
    public string Type => Json.GetProperty("type").GetString()!;
    public string? Run => Json.GetProperty("run").GetString();
    public string Text(string property) => Json.GetProperty(property).GetString() ?? "";
}

public sealed class HubInvocationException(string message) : Exception(message);
