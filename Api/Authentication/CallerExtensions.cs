using System.Security.Claims;

namespace Aspire.Sandbox.Api.Authentication;

public static class CallerExtensions
{
    /// <summary>The owner id of an API-key caller; endpoints that call this require the API-key policy.</summary>
    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirst(ApiKeyAuthenticationHandler.OwnerClaim)?.Value
        ?? throw new InvalidOperationException("The endpoint must require the API-key policy.");
}
