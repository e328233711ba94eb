using System.Net.Sockets;
using System.Text;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// One Redis command over a fresh TCP connection, reply as text (arrays flattened). StackExchange.Redis 1.2.6 waits
/// its whole syncTimeout for QUIT when disposed; these tests run a few commands and should not pay that.
/// </summary>
internal static class RespCommand
{
    public static async Task<IReadOnlyList<string>> SendAsync(int port, CancellationToken cancellationToken, params string[] args)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args)
        {
            request.Append($"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reply = new List<string>();
        await ReadAsync(reader, reply, cancellationToken);
        return reply;
    }

    // Bulk strings are read as one line: enough for the short values these tests use.
    private static async Task ReadAsync(StreamReader reader, List<string> reply, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Redis closed the connection");
        switch (line[0])
        {
            case '-':
                throw new InvalidOperationException($"Redis answered {line[1..]}");
            case '*':
                for (var count = int.Parse(line[1..], System.Globalization.CultureInfo.InvariantCulture); count > 0; count--)
                {
                    await ReadAsync(reader, reply, cancellationToken);
                }

                break;
            case '$' when line == "$-1":
                reply.Add("(nil)");
                break;
            case '$':
                reply.Add(await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Redis closed the connection"));
                break;
            default:
                reply.Add(line[1..]);
                break;
        }
    }
}
