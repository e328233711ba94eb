using Aspire.Sandbox.Contracts.Security;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Session tokens signed with the key the test gave its Web process.</summary>
public sealed class BusTokens
{
    public string Key { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string Viewer(string sessionId) =>
        new SessionTokenService(Options.Create(new SandboxSecurityOptions { TokenKeys = [Key] }), TimeProvider.System)
            .Issue(sessionId, SessionRole.Viewer);
}
