using System.Net.Sockets;
using System.Text;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>
/// The body of a streamed answer of <see cref="FakeDockerEngine"/>, written by the test at its own pace in HTTP
/// chunks, as dockerd streams build output. Each write is its own send, so the client sees the parts separately.
/// </summary>
internal sealed class FakeChunkedBody(Socket connection, CancellationToken stop)
{
    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return; // A zero-length chunk would end the body.
        }

        byte[] chunk = [.. Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), .. bytes, .. "\r\n"u8];
        await connection.SendAsync(chunk, SocketFlags.None, stop);
    }

    /// <summary>Completes once the client has closed the connection (end of stream or reset).</summary>
    public async Task WaitForHangUpAsync()
    {
        var buffer = new byte[256];
        try
        {
            while (await connection.ReceiveAsync(buffer, SocketFlags.None, stop) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset is a hang-up too.
        }
    }

    internal async Task EndAsync()
    {
        try
        {
            await connection.SendAsync("0\r\n\r\n"u8.ToArray(), SocketFlags.None, stop);
        }
        catch (SocketException)
        {
            // The client already went away (a cancelled build): nothing left to end.
        }
    }
}
