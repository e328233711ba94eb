using Aspire.Sandbox.Api.Endpoints;
using Aspire.Sandbox.Contracts.Templates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Api.Templates;

/// <summary>The templates on offer; public, like a product catalogue, and not rate limited (the Web app's pages load it).</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/templates").WithTags("Templates").WithCommonProblems();
        api.MapGet("/", ListTemplates);
        return api;
    }

    public static Ok<TemplateSummary[]> ListTemplates(TemplateCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(t => new TemplateSummary(t.Name, t.Description, t.Kind)).ToArray());
}

public sealed record TemplateSummary(string Name, string Description, string Kind);
