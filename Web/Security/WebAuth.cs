using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Aspire.Sandbox.Web.Security;

/// <summary>
/// Who may create, list and open sessions through the Web: anyone on loopback dev (no sign-in, as before), a
/// signed-in user when deployed: OpenID Connect by configuration, or a personal API key exchanged for a cookie.
/// The cookie is HttpOnly and SameSite (Strict with keys only; Lax when a provider must redirect back).
/// </summary>
public static class WebAuth
{
    public const string SignedInPolicy = "web-signed-in";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Issuer of the claims of a key sign-in, so its user ids never collide with a provider's.</summary>
    public const string KeyIssuer = "web-personal-key";

    public static IHostApplicationBuilder AddWebAuth(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignInOptions.SectionName);
        builder.Services.Configure<SignInOptions>(section);
        var settings = section.Get<SignInOptions>() ?? new SignInOptions();
        var required = SignInRequired(builder.Configuration);

        var auth = builder.Services.AddAuthentication(options => options.DefaultScheme = CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "sandbox.user";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = settings.Oidc.Enabled ? SameSiteMode.Lax : SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(7);
                // The page's fetch calls want a status, not a redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });
        if (settings.Oidc.Enabled)
        {
            auth.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.Authority = settings.Oidc.Authority;
                oidc.ClientId = settings.Oidc.ClientId;
                oidc.ClientSecret = settings.Oidc.ClientSecret;
                oidc.RequireHttpsMetadata = settings.Oidc.RequireHttpsMetadata;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SignInScheme = CookieScheme;
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.SaveTokens = false; // the Web needs who, not the provider's tokens
                oidc.Events.OnTokenValidated = context =>
                {
                    NameFromProviderClaims(context.Principal);
                    return Task.CompletedTask;
                };
            });
        }

        builder.Services.AddAuthorization(options => options.AddPolicy(SignedInPolicy, policy =>
        {
            policy.AddAuthenticationSchemes(CookieScheme);
            if (required) policy.RequireAuthenticatedUser();
            else policy.RequireAssertion(_ => true);
        }));
        return builder;
    }

    /// <summary><c>Sandbox:SignIn:Required</c> when set; otherwise required as soon as the Web listens beyond loopback.</summary>
    public static bool SignInRequired(IConfiguration configuration) =>
        configuration.GetValue<bool?>(SignInOptions.SectionName + ":Required") ?? ListensBeyondLoopback(configuration["urls"] ?? configuration["ASPNETCORE_URLS"]);

    /// <summary>A user id unique across ways of signing in: the claim's issuer and its subject.</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimTypes.NameIdentifier) is { Value.Length: > 0 } id
            ? $"{id.Issuer}|{id.Value}"
            : null;

    /// <summary>
    /// Providers name a user in the ID token's <c>name</c> (else <c>preferred_username</c> or <c>email</c>), which the
    /// handler's claim mapping leaves under that short type: the page's "signed in as" reads the identity's Name.
    /// </summary>
    private static void NameFromProviderClaims(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not ClaimsIdentity { Name: null } identity) return;
        foreach (var type in new[] { "name", "preferred_username", "email", ClaimTypes.Email })
        {
            if (identity.FindFirst(type) is not { Value.Length: > 0 } claim) continue;
            identity.AddClaim(new Claim(identity.NameClaimType, claim.Value, ClaimValueTypes.String, claim.Issuer));
            return;
        }
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static bool ListensBeyondLoopback(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(url =>
        {
            var host = url.Split("://", 2)[^1].Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            return host is not ("localhost" or "127.0.0.1" or "[::1]");
        });
}
