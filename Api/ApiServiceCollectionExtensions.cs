using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Serialization;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.Idempotency;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.OpenApi;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Api.RateLimiting;
using Aspire.Sandbox.Api.Sessions;
using Aspire.Sandbox.Api.Validation;
using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Workers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aspire.Sandbox.Api;

public static class ApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<ApiKeyOptions>(configuration.GetSection("Sandbox"));
        services.Configure<ApiOptions>(configuration.GetSection("Sandbox"));
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.SectionName));

        services.AddSingleton<ApiKeyRing>();
        services.AddSessionTokens(configuration)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddSandboxPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddApiRateLimiting(configuration);

        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<SessionStore>();
        services.Configure<Aspire.Sandbox.Contracts.Previews.PreviewOptions>(configuration.GetSection(Aspire.Sandbox.Contracts.Previews.PreviewOptions.SectionName));
        services.AddSingleton<Aspire.Sandbox.Contracts.Previews.PreviewStore>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<FrameLog>();
        services.AddSingleton<SecretSealer>();
        services.AddSingleton<SecretsBox>();
        services.AddSingleton<SessionControl>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<EngineStatusBoard>();
        services.AddSingleton<IRequestValidator<CreateSessionRequest>, CreateSessionValidator>();
        services.AddSingleton<IRequestValidator<CreateRunRequest>, CreateRunValidator>();
        services.AddSingleton<IRequestValidator<InputRequest>, InputValidator>();

        services.AddStrictJsonAndProblems();
        services.AddApiOpenApi();
        return builder;
    }

    /// <summary>
    /// Bodies are read strictly (unknown or duplicate fields, numbers as strings: refused) and every
    /// failure becomes a ProblemDetails: binding errors are thrown to the exception handler, which names the field.
    /// </summary>
    private static void AddStrictJsonAndProblems(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = ApiLimits.MaxBodyBytes;
            options.Limits.MaxRequestHeadersTotalSize = ApiLimits.KestrelMaxHeaderBytes;
        });

        // Registered before AddProblemDetails' default writer, so it is the one used.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
    }
}
