using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class HttpResponseHeadParserTests
{
    // What Engine 20.10 sends after POST /exec/{id}/start with Upgrade: tcp.
    private const string UpgradedHead =
        "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";

    [Fact]
    public void ParsesTheUpgradedAnswerAndKeepsTheStreamBytesThatFollowIt()
    {
        byte[] streamBytes = [1, 0, 0, 0, 0, 0, 0, 2, (byte)'h', (byte)'i'];
        byte[] received = [.. Encoding.ASCII.GetBytes(UpgradedHead), .. streamBytes];

        Assert.True(HttpResponseHeadParser.TryParse(received, out var head, out var headLength));

        Assert.Equal(101, head.StatusCode);
        Assert.Equal("UPGRADED", head.ReasonPhrase);
        Assert.True(head.IsHijacked);
        Assert.Equal("tcp", head.Headers["Upgrade"]);
        Assert.Equal(streamBytes, received[headLength..]);
    }

    [Fact]
    public void WaitsForMoreBytesWhileTheHeadIsIncomplete()
    {
        var bytes = Encoding.ASCII.GetBytes(UpgradedHead);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(HttpResponseHeadParser.TryParse(bytes.AsSpan(0, length), out _, out _));
        }

        Assert.True(HttpResponseHeadParser.TryParse(bytes, out _, out var headLength));
        Assert.Equal(bytes.Length, headLength);
    }

    [Fact]
    public void ParsesAnErrorAnswerWithItsContentLength()
    {
        var bytes = Encoding.ASCII.GetBytes(
            "HTTP/1.1 409 Conflict\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 42\r\n\r\n");

        Assert.True(HttpResponseHeadParser.TryParse(bytes, out var head, out _));

        Assert.Equal(409, head.StatusCode);
        Assert.False(head.IsHijacked);
        Assert.Equal(42, head.ContentLength);
        Assert.Equal("application/json", head.ContentType);
    }

    [Fact]
    public void LooksUpHeaderNamesRegardlessOfCase()
    {
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 101 UPGRADED\r\nconnection: Upgrade\r\nUPGRADE: tcp\r\n\r\n");

        Assert.True(HttpResponseHeadParser.TryParse(bytes, out var head, out _));

        Assert.Equal("Upgrade", head.Headers["Connection"]);
        Assert.Equal("tcp", head.Headers["upgrade"]);
    }

    [Fact]
    public void AcceptsAStatusLineWithoutAReasonPhrase()
    {
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 200\r\n\r\n");

        Assert.True(HttpResponseHeadParser.TryParse(bytes, out var head, out _));

        Assert.Equal(200, head.StatusCode);
        Assert.Equal("", head.ReasonPhrase);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 UPGRADED\r\n\r\n")]
    [InlineData("HTTP/1.1 101 UPGRADED\r\nno colon here\r\n\r\n")]
    public void RejectsBytesThatAreNotAnHttpResponseHead(string text)
    {
        Assert.Throws<DockerStreamProtocolException>(
            () => HttpResponseHeadParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    [Fact]
    public void GivesUpOnAHeadLargerThanTheLimit()
    {
        var endless = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nX: " + new string('a', HttpResponseHeadParser.MaxHeadLength));

        Assert.Throws<DockerStreamProtocolException>(() => HttpResponseHeadParser.TryParse(endless, out _, out _));
    }
}
