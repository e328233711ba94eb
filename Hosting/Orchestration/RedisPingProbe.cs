using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Sends an inline <c>PING</c> and expects <c>+PONG</c>. Raw RESP over a socket keeps the hosting library
/// free of a Redis client dependency.
/// </summary>
internal sealed class RedisPingProbe(int port) : IHealthProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Ping, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
