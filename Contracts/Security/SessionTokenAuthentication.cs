using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Contracts.Security;

/// <summary>
/// Authenticates a session token from <c>Authorization: Bearer</c>, or from the <c>access_token</c>
/// query parameter that SignalR uses where browsers cannot set headers (WebSockets, SSE).
/// </summary>
public sealed class SessionTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SessionToken";
    public const string SessionClaim = "sandbox:session";
    public const string RoleClaim = "sandbox:role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.From(Request) ?? Request.Query["access_token"].FirstOrDefault();
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());

        var claims = tokens.Validate(token);
        if (claims is null) return Task.FromResult(AuthenticateResult.Fail("The session token is invalid or expired."));

        var identity = new ClaimsIdentity(
            [new Claim(SessionClaim, claims.SessionId), new Claim(RoleClaim, claims.Role.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
