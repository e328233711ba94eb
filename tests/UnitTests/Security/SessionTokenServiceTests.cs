using Aspire.Sandbox.Contracts.Security;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.UnitTests.Security;

public sealed class SessionTokenServiceTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static SessionTokenService Service(TimeProvider time, params string[] keys) =>
        new(Options.Create(new SandboxSecurityOptions { TokenKeys = [.. keys], TokenLifetime = TimeSpan.FromHours(1) }), time);

    [Fact]
    public void IssuedTokenValidatesWithItsSessionAndRole()
    {
        var tokens = Service(TimeProvider.System, KeyA);

        var claims = tokens.Validate(tokens.Issue("ses_1", SessionRole.Viewer));

        Assert.NotNull(claims);
        Assert.Equal("ses_1", claims.SessionId);
        Assert.Equal(SessionRole.Viewer, claims.Role);
    }

    [Fact]
    public void ExpiredTokenIsRejected()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var tokens = Service(time, KeyA);
        var token = tokens.Issue("ses_1", SessionRole.Owner);

        time.Now += TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);

        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void TamperedPayloadIsRejected()
    {
        var tokens = Service(TimeProvider.System, KeyA);
        var viewer = tokens.Issue("ses_1", SessionRole.Viewer);
        var owner = tokens.Issue("ses_1", SessionRole.Owner);
        var parts = viewer.Split('.');
        var forged = $"{parts[0]}.{owner.Split('.')[1]}.{parts[2]}";

        Assert.Null(tokens.Validate(forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v1.!!!.???")]
    [InlineData("not-a-token")]
    public void GarbageIsRejectedWithoutThrowing(string? token) => Assert.Null(Service(TimeProvider.System, KeyA).Validate(token));

    [Fact]
    public void TokenSignedWithAnotherKeyIsRejected() =>
        Assert.Null(Service(TimeProvider.System, KeyA).Validate(Service(TimeProvider.System, KeyB).Issue("ses_1", SessionRole.Owner)));

    [Fact]
    public void DuringRotationTokensOfTheOldKeyStillValidate()
    {
        var old = Service(TimeProvider.System, KeyA).Issue("ses_1", SessionRole.Owner);

        Assert.NotNull(Service(TimeProvider.System, KeyB, KeyA).Validate(old));
    }
}
