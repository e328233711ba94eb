using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>
/// A scripted stand-in for dockerd on a temporary Unix socket, so the client's wire behaviour (paths,
/// hijacking, error mapping) is tested byte for byte without an engine.
/// </summary>
internal sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<FakeRequest, FakeResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public FakeDockerEngine(Func<FakeRequest, FakeResponse> respond)
    {
        _respond = respond;
        SocketPath = Path.Combine(Path.GetTempPath(), $"fake-docker-{Guid.NewGuid():N}.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _acceptLoop = AcceptLoopAsync();
    }

    public string SocketPath { get; }

    public string Endpoint => "unix://" + SocketPath;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        File.Delete(SocketPath);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            var received = new List<byte>();
            var buffer = new byte[8192];
            while (true)
            {
                var request = TryTakeRequest(received);
                if (request is null)
                {
                    var count = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (count == 0)
                    {
                        return;
                    }

                    received.AddRange(buffer.AsSpan(0, count));
                    continue;
                }

                Requests.Enqueue(request);
                var response = _respond(request);
                await connection.SendAsync(response.Bytes, SocketFlags.None, _stop.Token);
                if (response.Body is not null)
                {
                    var body = new FakeChunkedBody(connection, _stop.Token);
                    await response.Body(body);
                    await body.EndAsync();
                }

                if (response.CloseAfter)
                {
                    connection.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
        }
    }

    private static FakeRequest? TryTakeRequest(List<byte> received)
    {
        var text = Encoding.Latin1.GetString([.. received]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var contentLength = lines
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (received.Count < end + 4 + contentLength)
        {
            return null;
        }

        var body = text.Substring(end + 4, contentLength);
        received.RemoveRange(0, end + 4 + contentLength);
        var requestLine = lines[0].Split(' ');
        return new FakeRequest(requestLine[0], requestLine[1], lines[1..], body);
    }
}
