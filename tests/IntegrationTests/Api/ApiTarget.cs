using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>The shared app's Api as the contract tests reach it: raw requests with either credential.</summary>
public sealed class ApiTarget(SandboxAppFixture app)
{
    /// <summary>A well-formed session id that no session has.</summary>
    public const string UnknownSessionId = "ses_aaaaaaaaaaaaaaaaaaaa";

    public HttpClient Http => app.Http;
    public string ApiKey => app.ApiKey;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null, IDictionary<string, string>? headers = null) =>
        RawRequest.SendAsync(app.Http, method, path, bearer, json, headers);

    /// <summary>A valid token for a session id of the caller's choosing: enough to reach body validation without creating anything.</summary>
    public string TokenFor(string sessionId, SessionRole role = SessionRole.Owner, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null) =>
        TestTokens.Issue(app.TokenSigningKey, sessionId, role, issuedAt ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    public Task<SandboxApiClient.CreatedSession> CreateShellAsync() => app.Api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);

    /// <summary>Deletes sessions a test created, so their sandboxes go.</summary>
    public async Task DeleteAsync(params SandboxApiClient.CreatedSession[] sessions)
    {
        foreach (var session in sessions)
            using (await SendAsync(HttpMethod.Delete, $"/api/sessions/{session.Id}", session.Token)) { }
    }
}
