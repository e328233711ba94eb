using System.Security.Claims;

namespace Aspire.Sandbox.Contracts.Security;

/// <summary>What a session-token principal may do with a given session.</summary>
public static class SessionAccess
{
    public static bool CanView(this ClaimsPrincipal user, string sessionId) =>
        string.Equals(user.FindFirst(SessionTokenAuthenticationHandler.SessionClaim)?.Value, sessionId, StringComparison.Ordinal);

    public static bool CanControl(this ClaimsPrincipal user, string sessionId) =>
        user.CanView(sessionId) && user.FindFirst(SessionTokenAuthenticationHandler.RoleClaim)?.Value == nameof(SessionRole.Owner);
}
