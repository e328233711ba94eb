using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>The served document describes DESIGN §3.2 exactly: each endpoint, its credential, its answers and errors.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class OpenApiDocumentTests(SandboxAppFixture app)
{
    // DESIGN §3.2, row by row: method, path, credential (null: none).
    private static readonly (string Method, string Path, string? Scheme, string Success)[] Contract =
    [
        ("get", "/api/templates", null, "200"),
        ("post", "/api/sessions", "apiKey", "201"),
        ("get", "/api/sessions", "apiKey", "200"),
        ("get", "/api/sessions/{id}", "sessionToken", "200"),
        ("delete", "/api/sessions/{id}", "sessionToken", "202"),
        ("post", "/api/sessions/{id}/runs", "sessionToken", "202"),
        ("post", "/api/sessions/{id}/runs/{runId}/stop", "sessionToken", "202"),
        ("post", "/api/sessions/{id}/input", "sessionToken", "202"),
        ("get", "/api/sessions/{id}/frames", "sessionToken", "200"),
        ("get", "/api/sessions/{id}/previews", "sessionToken", "200"),
        ("put", "/api/sessions/{id}/previews/{port}", "sessionToken", "200"),
    ];

    [Fact]
    public async Task DocumentListsEveryEndpointWithItsCredentialAnswersAndErrors()
    {
        var document = await app.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var served = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => (o.Name, p.Name))).ToHashSet();
        Assert.Equal(Contract.Select(c => (c.Method, c.Path)).ToHashSet(), served);
        foreach (var (method, path, scheme, success) in Contract)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty(success, out _), $"{method} {path}: no {success}");
            Assert.True(responses.TryGetProperty("500", out _), $"{method} {path}: no 500");
            foreach (var error in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                Assert.True(error.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {error.Name}: not problem+json");
            if (scheme is null) continue;
            Assert.Equal(scheme, operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("429", out _), $"{method} {path}: no 401/429");
        }
        Assert.All(new[] { ("post", "/api/sessions"), ("post", "/api/sessions/{id}/runs") }, op =>
            Assert.Contains(paths.GetProperty(op.Item2).GetProperty(op.Item1).GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "Idempotency-Key"));
        Assert.Equal(["apiKey", "sessionToken"], document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(s => s.Name).Order());
    }
}
