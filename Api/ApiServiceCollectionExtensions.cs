using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Microsoft.AspNetCore.Authentication;

namespace Aspire.Sandbox.Api;

public static class ApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiKeyOptions>(builder.Configuration.GetSection("Sandbox"));
        services.AddSessionTokens(builder.Configuration)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddSandboxPolicies();

        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<FrameLog>();
        services.AddSingleton<SecretSealer>();
        services.AddSingleton<SessionControl>();

        services.AddProblemDetails();
        return builder;
    }
}
