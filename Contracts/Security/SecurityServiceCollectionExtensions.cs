using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.Contracts.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Binds the shared keys and registers session-token issuing, checking and authentication.</summary>
    public static AuthenticationBuilder AddSessionTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SandboxSecurityOptions>(configuration.GetSection(SandboxSecurityOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SessionTokenService>();
        return services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SessionTokenAuthenticationHandler>(SessionTokenAuthenticationHandler.SchemeName, null);
    }
}
