using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// Opens a connection to a port inside a sandbox: the relay's Unix socket, then its one-line handshake. When the relay does
/// not answer (never started, or gone with a sandbox that slept), the sandbox is woken if needed and the relay started,
/// once per session at a time, and the connection tried again: the first request after a sleep waits for that.
/// </summary>
public sealed class PreviewConnector(PreviewRelay relay, SandboxManager sandboxes)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _starting = new(StringComparer.Ordinal);

    public async ValueTask<Stream> ConnectAsync(string sessionId, int port, CancellationToken ct)
    {
        try
        {
            return await HandshakeAsync(await OpenAsync(sessionId, ct), port, ct);
        }
        catch (SocketException)
        {
            // No relay listening: below.
        }
        await EnsureRelayAsync(sessionId, ct);
        return await HandshakeAsync(await OpenAsync(sessionId, ct), port, ct);
    }

    public void Forget(string sessionId)
    {
        if (_starting.TryRemove(sessionId, out var gate)) gate.Dispose();
    }

    private async Task EnsureRelayAsync(string sessionId, CancellationToken ct)
    {
        var gate = _starting.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Another request may have started it while this one waited.
            if (await relay.AcceptsAsync(sessionId, ct)) return;
            if (await sandboxes.FindContainerAsync(sessionId, ct) is not { } containerId)
                throw new PreviewUnavailableException("The session has no sandbox on this worker.");
            await sandboxes.EnsureAwakeAsync(sessionId, containerId, ct);
            if (!await relay.StartAsync(sessionId, containerId, ct))
                throw new PreviewUnavailableException("The preview relay could not be started in the sandbox.");
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Socket> OpenAsync(string sessionId, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(relay.SocketPathFor(sessionId)), ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends the port; the relay answers <c>OK</c> once it has connected to it, or <c>ERR reason</c>.</summary>
    private static async Task<Stream> HandshakeAsync(Socket socket, int port, CancellationToken ct)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(port.ToString(CultureInfo.InvariantCulture) + "\n"), ct);
            // Byte by byte: what follows the line is the server's, and the relay sends nothing more until a request arrives.
            var line = new StringBuilder();
            var one = new byte[1];
            while (line.Length < 512)
            {
                if (await stream.ReadAsync(one, ct) == 0) throw new PreviewUnavailableException("The preview relay closed the connection.");
                if (one[0] == (byte)'\n') break;
                line.Append((char)one[0]);
            }
            var answer = line.ToString();
            if (answer == "OK") return stream;
            throw new PreviewUnavailableException(answer.StartsWith("ERR ", StringComparison.Ordinal) ? answer[4..] : "The preview relay answered something else.");
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A preview request cannot reach the sandbox's port; the message says why and may be shown to the user.</summary>
public sealed class PreviewUnavailableException(string message) : IOException(message);
