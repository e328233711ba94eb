using Aspire.Sandbox.Contracts.Previews;

namespace Aspire.Sandbox.UnitTests.Previews;

public sealed class PreviewAddressTests
{
    private static readonly PreviewOptions Local = new() { Port = 5080 };

    [Fact]
    public void AUrlAndItsHostNameTheSameSessionAndPort()
    {
        var url = new Uri(PreviewAddress.Url(Local, "ses_abc234xyz", 8000));
        Assert.Equal("http://8000-ses-abc234xyz.preview.localhost:5080/", url.ToString());
        Assert.True(PreviewAddress.TryParseHost(url.Host, Local.Domain, out var session, out var port));
        Assert.Equal(("ses_abc234xyz", 8000), (session, port));
        Assert.True(PreviewAddress.TryParseHost("8000-SES-ABC234XYZ.Preview.Localhost", Local.Domain, out session, out _));
        Assert.Equal("ses_abc234xyz", session);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("preview.localhost")]
    [InlineData("8000-ses-a.preview.localhost.evil.com")]
    [InlineData("8000-ses-a.evilpreview.localhost")]
    [InlineData("x.8000-ses-a.preview.localhost")]
    [InlineData("0-ses-a.preview.localhost")]
    [InlineData("65536-ses-a.preview.localhost")]
    [InlineData("+80-ses-a.preview.localhost")]
    [InlineData("8000-.preview.localhost")]
    [InlineData("8000-ses_a.preview.localhost")]
    public void AnythingElseIsNotAPreviewHost(string host) =>
        Assert.False(PreviewAddress.TryParseHost(host, Local.Domain, out _, out _));
}
