using System.Text;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>
/// Bytes <see cref="FakeDockerEngine"/> writes back, in one write (then, for a streamed answer, its <see cref="Body"/>),
/// and whether it then hangs up.
/// </summary>
internal sealed record FakeResponse(byte[] Bytes, bool CloseAfter)
{
    /// <summary>Writes the rest of a chunked answer after <see cref="Bytes"/> (its head); the engine ends it.</summary>
    public Func<FakeChunkedBody, Task>? Body { get; init; }

    public static FakeResponse Version(string apiVersion, string minApiVersion) =>
        Json(200, $$"""{"Version":"fake","ApiVersion":"{{apiVersion}}","MinAPIVersion":"{{minApiVersion}}","Os":"linux"}""");

    public static FakeResponse Json(int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        return new FakeResponse([.. Encoding.ASCII.GetBytes(head), .. body], CloseAfter: false);
    }

    /// <summary>A streamed answer: the head now, then whatever <paramref name="body"/> writes, then hang-up.</summary>
    public static FakeResponse Chunked(int status, Func<FakeChunkedBody, Task> body)
    {
        var head = $"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        return new FakeResponse(Encoding.ASCII.GetBytes(head), CloseAfter: true) { Body = body };
    }

    /// <summary>The 101 answer and the first stream bytes in a single write, then end of stream.</summary>
    public static FakeResponse Upgraded(byte[] streamBytes) => new(
        [.. Encoding.ASCII.GetBytes("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"), .. streamBytes],
        CloseAfter: true);
}
