using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Our own client of the SignalR JSON hub protocol over a WebSocket, lean enough to run a thousand viewers
/// (or ten thousand idle connections) in one process: records are split on the record separator and frames
/// are found by <see cref="FrameScanner"/> instead of being parsed. Kept beside the official client
/// (<see cref="OfficialBenchViewer"/>) because at 1 000 viewers that one needs about twice the CPU per frame and
/// 1.5 times the memory per viewer (BENCHMARKS.md, "Official SignalR client and MessagePack").
/// </summary>
public sealed class BenchHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] FramesPrefix = """{"type":1,"target":"frames","""u8.ToArray();
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource<string?> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _filled;

    public ReceiverStats Stats { get; } = new();
    public string? CloseError { get; private set; }
    public Task Receiving { get; private set; } = Task.CompletedTask;

    /// <summary>When set, frames messages go here (with their arrival time) instead of the id/ts scanner.</summary>
    public FramesHandler? OnFrames { get; set; }

    public static async Task<BenchHubClient> ConnectAsync(Uri web, string token, CancellationToken ct)
    {
        var client = new BenchHubClient();
        client._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await client._socket.ConnectAsync(new Uri($"ws://{web.Authority}/hubs/sessions?access_token={Uri.EscapeDataString(token)}"), ct);
        await client.SendAsync("""{"protocol":"json","version":1}""", ct);
        await client.ReadHandshakeAsync(ct);
        return client;
    }

    /// <summary>Starts reading; frames are counted against <paramref name="window"/> into <paramref name="latencies"/>.</summary>
    public void StartReceiving(Window? window, LatencyHistogram latencies, Func<Window?>? currentWindow = null) =>
        Receiving = Task.Run(() => ReceiveAsync(() => currentWindow?.Invoke() ?? window, latencies));

    public async Task SubscribeAsync(string session, string? after, CancellationToken ct)
    {
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "s", target = "Subscribe", arguments = new object?[] { session, after } }), ct);
        if (await _subscribed.Task.WaitAsync(ct) is { } error) throw new InvalidOperationException($"Subscribe failed: {error}");
    }

    /// <summary>A ping, so the server keeps an otherwise silent connection.</summary>
    public Task PingAsync(CancellationToken ct) => SendAsync("""{"type":6}""", ct);

    private Task SendAsync(string json, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + (char)RecordSeparator), WebSocketMessageType.Text, true, ct);

    private async Task ReadHandshakeAsync(CancellationToken ct)
    {
        while (Array.IndexOf(_buffer, RecordSeparator, 0, _filled) < 0)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), ct);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("closed during the handshake");
            _filled += result.Count;
        }
        var end = Array.IndexOf(_buffer, RecordSeparator, 0, _filled);
        var answer = Encoding.UTF8.GetString(_buffer, 0, end);
        if (answer != "{}") throw new InvalidOperationException($"handshake refused: {answer}");
        _filled -= end + 1;
        Array.Copy(_buffer, end + 1, _buffer, 0, _filled);
    }

    private async Task ReceiveAsync(Func<Window?> window, LatencyHistogram latencies)
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length) Grow();
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return;
                _filled += result.Count;
                if (!result.EndOfMessage) continue;
                var now = Clock.NowMicros();
                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, _filled - start)) >= 0)
                {
                    Record(_buffer.AsMemory(start, end - start), now, window(), latencies);
                    start = end + 1;
                }
                _filled -= start;
                if (_filled > 0) Array.Copy(_buffer, start, _buffer, 0, _filled);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _subscribed.TrySetResult("connection closed");
        }
    }

    private void Record(ReadOnlyMemory<byte> record, long now, Window? window, LatencyHistogram latencies)
    {
        var span = record.Span;
        if (span.StartsWith(FramesPrefix))
        {
            if (OnFrames is { } handler) handler(span, now);
            else FrameScanner.ScanHubFrames(span, now, Stats, window, latencies);
            return;
        }
        if (span.StartsWith("""{"type":3,"invocationId":"s","""u8))
            _subscribed.TrySetResult(span.IndexOf("\"error\""u8) >= 0 ? Encoding.UTF8.GetString(span) : null);
        else if (span.StartsWith("""{"type":7"""u8))
            CloseError = Encoding.UTF8.GetString(span);
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        Array.Copy(_buffer, bigger, _filled);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await Receiving.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
    }
}
