using Aspire.Sandbox.Api.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Aspire.Sandbox.Api.OpenApi;

/// <summary>Where the generated schemas fall short of what the Api actually sends and accepts.</summary>
internal static class SchemaFixes
{
    public static void Apply(OpenApiSchema schema, Type type)
    {
        // Stored frames are written as raw JSON (RawFrame's converter), which the generator cannot see into.
        if (type == typeof(FramePage) && schema.Properties?.TryGetValue("frames", out var frames) == true && frames is OpenApiSchema array)
            array.Items = FrameSchema.Create();

        // Every problem carries traceId, and may carry other members (errors, retryAfterSeconds).
        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Identifies the request in traces and logs." };
            if (schema.Properties.TryGetValue("type", out var problemType) && problemType is OpenApiSchema text)
                text.Description = "Stable URI naming the kind of error, under https://aspire-sandbox.dev/problems/ (see API.md).";
        }

        // The only field a body cannot do without; the validator says so by name when it is missing.
        if (type == typeof(CreateSessionRequest)) schema.Required = new HashSet<string> { "template" };
        if (type == typeof(InputRequest)) schema.Required = new HashSet<string> { "data" };
        if (type == typeof(CreateRunRequest)) schema.Required = new HashSet<string>();
    }
}
