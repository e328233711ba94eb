using Microsoft.OpenApi;

namespace Aspire.Sandbox.Api.OpenApi;

/// <summary>The common fields of a frame (DESIGN §3.1); each type adds its own, so more properties are allowed.</summary>
internal static class FrameSchema
{
    public static OpenApiSchema Create()
    {
        var schema = new OpenApiSchema();
        schema.Type = JsonSchemaType.Object;
        schema.Description = "One event of a session (DESIGN §3.1): the common fields below plus those of its type.";
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = Text("Strictly increasing within the session; resume after it."),
            ["session"] = Text("The session id."),
            ["run"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The run id, or null for session frames." },
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. new[] { "progress", "ready", "status", "run-queued", "run-started", "stdout", "stderr", "terminal", "text-delta",
                    "tool-start", "tool-result", "agent-session", "done", "process-exit", "error", "session-ended" }
                    .Select(t => (System.Text.Json.Nodes.JsonNode)t!)],
            },
            ["ts"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "Microseconds since the Unix epoch, at the source." },
        };
        schema.Required = new HashSet<string> { "id", "session", "type", "ts" };
        schema.AdditionalPropertiesAllowed = true;
        return schema;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
