using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Authorization;

namespace Aspire.Sandbox.Api.Authentication;

public static class AuthorizationPolicies
{
    public const string ApiKey = "api-key";
    public const string SessionToken = "session-token";

    public static AuthorizationBuilder AddSandboxPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
        .AddPolicy(SessionToken, p => p.AddAuthenticationSchemes(SessionTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
}
