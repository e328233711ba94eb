using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// The floor: a bare Redis subscriber on a raw socket (RESP by hand, no client library), reading the same live
/// channel the Web reads and timing the same frames.
/// </summary>
public sealed class RespSubscriber : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _filled;

    public ReceiverStats Stats { get; } = new();
    public Task Receiving { get; private set; } = Task.CompletedTask;

    public static async Task<RespSubscriber> SubscribeAsync(int port, IReadOnlyList<string> channels, Func<Window?> window, LatencyHistogram latencies)
    {
        var subscriber = new RespSubscriber();
        await subscriber._socket.ConnectAsync("127.0.0.1", port);
        var command = new StringBuilder($"*{channels.Count + 1}\r\n$9\r\nSUBSCRIBE\r\n");
        foreach (var channel in channels) command.Append($"${Encoding.UTF8.GetByteCount(channel)}\r\n{channel}\r\n");
        await subscriber._socket.SendAsync(Encoding.UTF8.GetBytes(command.ToString()));
        var confirmed = 0;
        subscriber.Receiving = Task.Run(() => subscriber.ReceiveAsync(window, latencies, () => confirmed++));
        while (Volatile.Read(ref confirmed) < channels.Count && !subscriber.Receiving.IsCompleted) await Task.Delay(5);
        return subscriber;
    }

    private async Task ReceiveAsync(Func<Window?> window, LatencyHistogram latencies, Action confirmed)
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length) Grow();
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None);
                if (read == 0) return;
                _filled += read;
                var now = Clock.NowMicros();
                var used = 0;
                while (TryReadPush(_buffer.AsSpan(used, _filled - used), out var kind, out var payload, out var length))
                {
                    if (kind == "message") FrameScanner.ScanLiveMessage(payload, now, Stats, window(), latencies);
                    else if (kind == "subscribe") confirmed();
                    used += length;
                }
                _filled -= used;
                if (_filled > 0) Array.Copy(_buffer, used, _buffer, 0, _filled);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>One push: *3 $kind $channel then $payload (or :count for subscribe confirmations).</summary>
    private static bool TryReadPush(ReadOnlySpan<byte> data, out string kind, out ReadOnlySpan<byte> payload, out int length)
    {
        kind = "";
        payload = default;
        length = 0;
        var at = 0;
        if (!TryLine(data, ref at, out var header) || header[0] != (byte)'*') return false;
        if (!TryBulk(data, ref at, out var kindBytes) || !TryBulk(data, ref at, out _)) return false;
        if (!TryLine(data, ref at, out var third)) return false;
        if (third[0] == (byte)'$')
        {
            var size = int.Parse(third[1..]);
            if (data.Length < at + size + 2) return false;
            payload = data.Slice(at, size);
            at += size + 2;
        }
        kind = Encoding.ASCII.GetString(kindBytes);
        length = at;
        return true;
    }

    private static bool TryBulk(ReadOnlySpan<byte> data, ref int at, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryLine(data, ref at, out var header)) return false;
        var size = int.Parse(header[1..]);
        if (data.Length < at + size + 2) return false;
        value = data.Slice(at, size);
        at += size + 2;
        return true;
    }

    private static bool TryLine(ReadOnlySpan<byte> data, ref int at, out ReadOnlySpan<byte> line)
    {
        line = default;
        var end = data[at..].IndexOf("\r\n"u8);
        if (end < 0) return false;
        line = data.Slice(at, end);
        at += end + 2;
        return true;
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
        _socket.Dispose();
        await Receiving.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
