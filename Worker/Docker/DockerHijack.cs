using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Sends one HTTP/1.1 request with <c>Upgrade: tcp</c> on a fresh socket and, once the engine answers
/// <c>101 UPGRADED</c>, hands the socket over as a raw bidirectional stream.
/// </summary>
internal static class DockerHijack
{
    private const int InitialBufferLength = 4096;
    private const int MaxErrorBodyLength = 64 * 1024;

    public static async Task<(Socket Socket, ReadOnlyMemory<byte> Initial)> UpgradeAsync(
        DockerEndpoint endpoint, string pathAndQuery, string jsonBody, CancellationToken cancellationToken)
    {
        var socket = await endpoint.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAllAsync(socket, BuildRequest(pathAndQuery, jsonBody), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[InitialBufferLength];
            var filled = 0;
            while (true)
            {
                if (HttpResponseHeadParser.TryParse(buffer.AsSpan(0, filled), out var head, out var headLength))
                {
                    if (head.IsHijacked)
                    {
                        // Bytes after the head may already be process output: they are the stream's first bytes.
                        return (socket, buffer.AsMemory(headLength, filled - headLength));
                    }

                    var body = await ReadErrorBodyAsync(socket, head, buffer, headLength, filled, cancellationToken)
                        .ConfigureAwait(false);
                    throw DockerErrors.FromResponse((HttpStatusCode)head.StatusCode, body);
                }

                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await ReceiveAsync(socket, buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new DockerEngineUnavailableException(
                        $"Docker engine at {endpoint.Display} closed the connection before answering {pathAndQuery}.");
                }

                filled += read;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static byte[] BuildRequest(string pathAndQuery, string jsonBody)
    {
        var body = Encoding.UTF8.GetBytes(jsonBody);
        var head = Encoding.ASCII.GetBytes(
            $"POST {pathAndQuery} HTTP/1.1\r\nHost: docker\r\nUser-Agent: Aspire.Sandbox\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n"
            + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
        return [.. head, .. body];
    }

    internal static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        catch (SocketException ex)
        {
            throw new DockerEngineUnavailableException($"Docker engine connection broke while sending: {ex.Message}", ex);
        }
    }

    internal static async ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new DockerEngineUnavailableException($"Docker engine connection broke while receiving: {ex.Message}", ex);
        }
    }

    private static async Task<string> ReadErrorBodyAsync(
        Socket socket, HttpResponseHead head, byte[] buffer, int headLength, int filled, CancellationToken cancellationToken)
    {
        // Error answers are small JSON with a Content-Length; without one, use what already arrived.
        var expected = (int)Math.Min(head.ContentLength ?? 0, MaxErrorBodyLength);
        var body = new byte[Math.Max(expected, filled - headLength)];
        buffer.AsSpan(headLength, filled - headLength).CopyTo(body);
        var have = filled - headLength;
        while (have < expected)
        {
            var read = await ReceiveAsync(socket, body.AsMemory(have), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            have += read;
        }

        return Encoding.UTF8.GetString(body, 0, have);
    }
}
