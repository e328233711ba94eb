using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Aspire.Sandbox.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: generated from the endpoints themselves, then given
/// what metadata cannot say — the two bearer credentials, <c>Idempotency-Key</c>, <c>Retry-After</c>,
/// and the shape of a frame (stored frames pass through as raw JSON).
/// </summary>
public static class OpenApiSetup
{
    public const string ApiKeyScheme = "apiKey";
    public const string SessionTokenScheme = "sessionToken";

    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Aspire Sandbox API",
                Version = "v1",
                Description = "Sessions, runs and their history. Errors are application/problem+json with a stable 'type' (see API.md).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [ApiKeyScheme] = Bearer("An API key from configuration (Sandbox:ApiKeys)."),
                [SessionTokenScheme] = Bearer("A session's token (owner) or viewerToken, from POST /api/sessions."),
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null) is { } policy)
            {
                var scheme = policy == AuthorizationPolicies.ApiKey ? ApiKeyScheme : SessionTokenScheme;
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
            }
            if (metadata.OfType<IdempotentEndpointMetadata>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyOptions.HeaderName,
                    In = ParameterLocation.Header,
                    Description = "Makes retries safe: a retry with the same key and body returns the first answer (Idempotent-Replayed: true) and starts nothing; another body with the same key is 422; a retry while the first runs is 409.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
                });
            }
            // Read as text by the handler (so a bad value is answered by name); documented as what it accepts.
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter is { Name: "limit", In: ParameterLocation.Query })
                    (parameter.Schema, parameter.Description) = (new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "1000" }, "Page size, 1-1000 (default 100).");
                if (parameter is { Name: "after", In: ParameterLocation.Query })
                    parameter.Description = "Exclusive: frames with a greater id (a frame's id or a page's 'next'); from the start when absent.";
            }
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is not OpenApiResponse concrete) continue;
                concrete.Description = ResponseDescriptions.For(status, concrete.Description);
                if (status is "429" or "503")
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    };
                }
            }
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            SchemaFixes.Apply(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
    });

    private static OpenApiSecurityScheme Bearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = description };
}
