using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Parses an HTTP/1.1 response head from the bytes received so far. Hand-rolled because HttpClient cannot
/// give up the connection after a <c>101 UPGRADED</c>; everything after the blank line is the exec stream.
/// </summary>
public static class HttpResponseHeadParser
{
    /// <summary>A head larger than this is not from a Docker engine; stop reading instead of buffering forever.</summary>
    public const int MaxHeadLength = 64 * 1024;

    private static ReadOnlySpan<byte> HeadTerminator => "\r\n\r\n"u8;

    /// <summary>
    /// Returns false while the head is incomplete (read more and call again). On success
    /// <paramref name="headLength"/> counts the bytes up to and including the blank line; bytes after it
    /// already belong to the stream and must not be dropped.
    /// </summary>
    /// <exception cref="DockerStreamProtocolException">The bytes are not an HTTP/1.x response head.</exception>
    public static bool TryParse(ReadOnlySpan<byte> buffer, [NotNullWhen(true)] out HttpResponseHead? head, out int headLength)
    {
        head = null;
        headLength = 0;
        var end = buffer.IndexOf(HeadTerminator);
        if (end < 0)
        {
            if (buffer.Length > MaxHeadLength)
            {
                throw new DockerStreamProtocolException($"HTTP response head exceeds {MaxHeadLength} bytes.");
            }

            return false;
        }

        var lines = Encoding.Latin1.GetString(buffer[..end]).Split("\r\n");
        var (status, reason) = ParseStatusLine(lines[0]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new DockerStreamProtocolException($"Malformed HTTP header line '{line}'.");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        head = new HttpResponseHead(status, reason, headers);
        headLength = end + HeadTerminator.Length;
        return true;
    }

    private static (int Status, string Reason) ParseStatusLine(string line)
    {
        // "HTTP/1.1 101 UPGRADED": version, a three-digit code, an optional reason phrase.
        var parts = line.Split(' ', 3);
        if (parts.Length < 2
            || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || parts[1].Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || status < 100)
        {
            throw new DockerStreamProtocolException($"Malformed HTTP status line '{line}'.");
        }

        return (status, parts.Length == 3 ? parts[2] : "");
    }
}
