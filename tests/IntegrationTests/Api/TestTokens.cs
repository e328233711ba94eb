using Aspire.Sandbox.Contracts.Security;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Session tokens minted outside the Api: expired ones, and ones signed with keys the Api does not hold.</summary>
public static class TestTokens
{
    public static string Issue(string signingKey, string sessionId, SessionRole role, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        new SessionTokenService(
            Options.Create(new SandboxSecurityOptions { TokenKeys = [signingKey], TokenLifetime = lifetime }),
            new FixedClock(issuedAt)).Issue(sessionId, role);

    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
