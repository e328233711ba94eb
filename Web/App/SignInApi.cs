using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Aspire.Sandbox.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Web.App;

/// <summary>Signing in to a deployed Web: who am I, a personal API key for a cookie, an OpenID Connect provider, sign-out.</summary>
public static class SignInApi
{
    public sealed record Me(bool Required, bool SignedIn, string? Name, bool KeySignIn, bool OidcSignIn);

    public sealed record KeySignIn(string? Key);

    public static RouteGroupBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/app").WithTags("Sign-in");
        api.MapGet("/me", (HttpContext context, IOptions<SignInOptions> options, IConfiguration configuration) =>
        {
            var user = context.User;
            var signedIn = WebAuth.UserId(user) is not null;
            return TypedResults.Ok(new Me(WebAuth.SignInRequired(configuration), signedIn, signedIn ? user.Identity!.Name : null,
                options.Value.Users.Count > 0, options.Value.Oidc.Enabled));
        });
        api.MapPost("/signin", SignInWithKey);
        api.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(WebAuth.CookieScheme);
            return TypedResults.NoContent();
        });
        api.MapGet("/signin/oidc", (IOptions<SignInOptions> options) => options.Value.Oidc.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [WebAuth.OidcScheme])
            : Results.NotFound());
        return api;
    }

    /// <summary>The key is compared with every configured one in constant time (as hashes, so lengths do not leak).</summary>
    private static async Task<Results<NoContent, UnauthorizedHttpResult>> SignInWithKey(
        KeySignIn body, HttpContext context, IOptions<SignInOptions> options)
    {
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(body.Key ?? ""));
        SignInOptions.PersonalKey? match = null;
        foreach (var user in options.Value.Users)
        {
            var known = SHA256.HashData(Encoding.UTF8.GetBytes(user.Key));
            if (CryptographicOperations.FixedTimeEquals(given, known) && user.Key.Length > 0 && user.Name.Length > 0) match = user;
        }
        if (match is null) return TypedResults.Unauthorized();

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, match.Name, ClaimValueTypes.String, WebAuth.KeyIssuer), new Claim(ClaimTypes.Name, match.Name, ClaimValueTypes.String, WebAuth.KeyIssuer)],
            WebAuth.CookieScheme);
        await context.SignInAsync(WebAuth.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.NoContent();
    }
}
