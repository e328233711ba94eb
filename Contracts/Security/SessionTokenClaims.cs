namespace Aspire.Sandbox.Contracts.Security;

public sealed record SessionTokenClaims(string SessionId, SessionRole Role, DateTimeOffset ExpiresAt);
