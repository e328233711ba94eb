using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Sessions;
using Aspire.Sandbox.Api.Templates;

namespace Aspire.Sandbox.Api;

public static class ApiPipeline
{
    /// <summary>
    /// Cheapest refusals first: oversized headers, then (once the endpoint is known) oversized bodies and
    /// rate limits, and only then credentials and handlers.
    /// </summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<HeaderLimitMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The public contract (DESIGN §3.2), its OpenAPI document and the health probes.</summary>
    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapTemplatesApi();
        app.MapSessionsApi();
        app.MapPreviewsApi();
        app.MapRunsApi();
        app.MapFramesApi();
        app.MapDefaultEndpoints();
        return app;
    }
}
