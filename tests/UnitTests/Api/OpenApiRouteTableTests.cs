using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.UnitTests.Api;

/// <summary>The OpenAPI document and the app's route table list the same operations: nothing undocumented, nothing invented.</summary>
public sealed class OpenApiRouteTableTests
{
    [Fact]
    public async Task DocumentedOperationsAreExactlyTheMappedApiRoutes()
    {
        await using var app = await InProcessApi.StartAsync();
        using var http = InProcessApi.Client(app);

        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => $"{o.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToArray();

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        var mapped = routes
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Order().ToArray();

        Assert.Equal(11, mapped.Length);
        Assert.Equal(mapped, documented);
        // Whatever is outside /api is infrastructure, and says so.
        Assert.Equal(["/alive", "/health", "/openapi/{documentName}.json"],
            routes.Select(e => e.RoutePattern.RawText!).Where(p => !p.StartsWith("/api/", StringComparison.Ordinal)).Order());
    }

    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}
