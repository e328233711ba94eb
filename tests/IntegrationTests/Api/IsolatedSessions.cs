using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Sessions on the isolated Api (no worker: they stay 'starting' and runs stay queued, which is all these tests need).</summary>
public static class IsolatedSessions
{
    public static async Task<SandboxApiClient.CreatedSession> CreateAsync(HttpClient http, string template = "shell")
    {
        using var response = await RawRequest.SendAsync(http, HttpMethod.Post, "/api/sessions", IsolatedApiFixture.ApiKey, $$"""{"template":"{{template}}"}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SandboxApiClient.CreatedSession>(JsonSerializerOptions.Web))!;
    }
}
