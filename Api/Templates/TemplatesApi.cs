using Aspire.Sandbox.Contracts.Templates;

namespace Aspire.Sandbox.Api.Templates;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/templates").WithTags("Templates");
        api.MapGet("/", ListTemplates);
        return api;
    }

    public static IEnumerable<TemplateSummary> ListTemplates(TemplateCatalog catalog) =>
        catalog.All.Select(t => new TemplateSummary(t.Name, t.Description, t.Kind));
}

public sealed record TemplateSummary(string Name, string Description, string Kind);
