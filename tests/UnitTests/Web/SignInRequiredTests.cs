using Aspire.Sandbox.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.UnitTests.Web;

/// <summary>
/// A Web that answers beyond this machine asks for sign-in before anyone creates or lists sandboxes; local dev on
/// loopback does not. Decided from the addresses the Web listens on, unless the operator says otherwise.
/// </summary>
public class SignInRequiredTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080;http://127.0.0.1:5081")]
    public void LoopbackOnlyNeedsNoSignIn(string urls) => Assert.False(WebAuth.SignInRequired(Config(("ASPNETCORE_URLS", urls))));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://*:80")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://10.1.2.3:5080")]
    [InlineData("http://sandbox.example.com")]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5443")]
    public void AnyAddressBeyondLoopbackNeedsSignIn(string urls) => Assert.True(WebAuth.SignInRequired(Config(("ASPNETCORE_URLS", urls))));

    [Fact]
    public void UrlsSettingWinsOverTheEnvironmentVariable() =>
        Assert.True(WebAuth.SignInRequired(Config(("urls", "http://0.0.0.0:5080"), ("ASPNETCORE_URLS", "http://127.0.0.1:5080"))));

    [Theory]
    [InlineData("true", "http://127.0.0.1:5080", true)]
    [InlineData("false", "http://0.0.0.0:5080", false)]
    public void TheOperatorsSettingWins(string required, string urls, bool expected) =>
        Assert.Equal(expected, WebAuth.SignInRequired(Config(("Sandbox:SignIn:Required", required), ("ASPNETCORE_URLS", urls))));

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
