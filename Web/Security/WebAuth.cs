namespace Aspire.Sandbox.Web.Security;

/// <summary>Who may create and list sessions through the Web: anyone on loopback dev, a signed-in user when deployed.</summary>
public static class WebAuth
{
    public const string SignedInPolicy = "web-signed-in";

    public static IHostApplicationBuilder AddWebAuth(this IHostApplicationBuilder builder)
    {
        var required = SignInRequired(builder.Configuration);
        builder.Services.AddAuthorization(options => options.AddPolicy(SignedInPolicy, policy =>
        {
            if (required) policy.RequireAuthenticatedUser();
            else policy.RequireAssertion(_ => true);
        }));
        return builder;
    }

    /// <summary><c>Sandbox:SignIn:Required</c> when set; otherwise required as soon as the Web listens beyond loopback.</summary>
    public static bool SignInRequired(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Sandbox:SignIn:Required") ?? ListensBeyondLoopback(configuration["urls"] ?? configuration["ASPNETCORE_URLS"]);

    private static bool ListensBeyondLoopback(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(url =>
        {
            var host = url.Split("://", 2)[^1].Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            return host is not ("localhost" or "127.0.0.1" or "[::1]");
        });
}
