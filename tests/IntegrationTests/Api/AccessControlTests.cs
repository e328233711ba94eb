using System.Net;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Who may do what: API keys for the collection, tokens for one session, viewers only watch, nothing leaks.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class AccessControlTests(SandboxAppFixture app)
{
    private readonly ApiTarget _api = new(app);

    private static (HttpMethod Method, string Path, string? Body)[] SessionEndpoints(string id) =>
    [
        (HttpMethod.Get, $"/api/sessions/{id}", null),
        (HttpMethod.Delete, $"/api/sessions/{id}", null),
        (HttpMethod.Post, $"/api/sessions/{id}/runs", """{"command":["true"]}"""),
        (HttpMethod.Post, $"/api/sessions/{id}/runs/run_aaaaaaaaaaaaaaaaaaaa/stop", null),
        (HttpMethod.Post, $"/api/sessions/{id}/input", """{"data":"x"}"""),
        (HttpMethod.Get, $"/api/sessions/{id}/frames", null),
    ];

    [Fact]
    public async Task EveryProtectedEndpointWithoutACredentialIs401WithABearerChallenge()
    {
        (HttpMethod, string, string?)[] all = [(HttpMethod.Post, "/api/sessions", """{"template":"shell"}"""), (HttpMethod.Get, "/api/sessions", null), .. SessionEndpoints(ApiTarget.UnknownSessionId)];
        foreach (var (method, path, body) in all)
        {
            using var response = await _api.SendAsync(method, path, bearer: null, body);
            await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized", "Authorization");
            Assert.Equal("Bearer realm=\"aspire-sandbox\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task TamperedExpiredForeignAndMisplacedCredentialsAre401()
    {
        var id = ApiTarget.UnknownSessionId;
        var valid = _api.TokenFor(id);
        var parts = valid.Split('.');
        var tampered = $"{parts[0]}.{parts[1][..^2]}{(parts[1][^2] == 'A' ? 'B' : 'A')}{parts[1][^1]}.{parts[2]}";
        var expired = _api.TokenFor(id, issuedAt: DateTimeOffset.UtcNow.AddDays(-2), lifetime: TimeSpan.FromDays(1));
        var foreignKey = TestTokens.Issue(TestTokens.NewKey(), id, SessionRole.Owner, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        string[] bad = [tampered, expired, foreignKey, "v1.e30.", "not-a-token", _api.ApiKey, new string('x', 5000)];

        foreach (var token in bad)
        {
            using var response = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{id}", token);
            await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized", "Authorization");
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        }
        using var tokenAsKey = await _api.SendAsync(HttpMethod.Get, "/api/sessions", valid);
        await ProblemAssert.IsAsync(tokenAsKey, HttpStatusCode.Unauthorized, "unauthorized", "Authorization");
        using var basic = await RawRequest.SendAsync(_api.Http, HttpMethod.Get, "/api/sessions", null, json: null,
            new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String("a:b"u8) });
        await ProblemAssert.IsAsync(basic, HttpStatusCode.Unauthorized, "unauthorized", "Authorization");
    }

    [Fact]
    public async Task TokenOfAnotherSessionGetsTheSame404AsForNoSessionAtAll()
    {
        var mine = await _api.CreateShellAsync();
        var theirs = await _api.CreateShellAsync();
        try
        {
            foreach (var ((method, path, body), (_, unknownPath, _)) in SessionEndpoints(theirs.Id).Zip(SessionEndpoints(ApiTarget.UnknownSessionId)))
            {
                using var foreign = await _api.SendAsync(method, path, mine.Token, body);
                using var missing = await _api.SendAsync(method, unknownPath, _api.TokenFor(ApiTarget.UnknownSessionId), body);
                var a = await ProblemAssert.IsAsync(foreign, HttpStatusCode.NotFound, "not-found");
                var b = await ProblemAssert.IsAsync(missing, HttpStatusCode.NotFound, "not-found");
                Assert.Equal(b.GetProperty("detail").GetString(), a.GetProperty("detail").GetString());
            }
            using var stillThere = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{theirs.Id}", theirs.ViewerToken);
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }
        finally
        {
            await _api.DeleteAsync(mine, theirs);
        }
    }

    [Fact]
    public async Task ViewerTokenWatchesButIsRefused403OnOwnerOnlyEndpoints()
    {
        var session = await _api.CreateShellAsync();
        try
        {
            using var run = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.Id}/runs", session.Token, """{"command":["sleep","30"]}""");
            var runId = System.Text.Json.JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
            (HttpMethod, string, string?)[] ownerOnly =
            [
                (HttpMethod.Delete, $"/api/sessions/{session.Id}", null),
                (HttpMethod.Post, $"/api/sessions/{session.Id}/runs", """{"command":["true"]}"""),
                (HttpMethod.Post, $"/api/sessions/{session.Id}/runs/{runId}/stop", null),
                (HttpMethod.Post, $"/api/sessions/{session.Id}/input", """{"data":"x"}"""),
            ];
            foreach (var (method, path, body) in ownerOnly)
            {
                using var response = await _api.SendAsync(method, path, session.ViewerToken, body);
                await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
            }
            using var get = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}", session.ViewerToken);
            using var frames = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}/frames", session.ViewerToken);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, frames.StatusCode);
        }
        finally
        {
            await _api.DeleteAsync(session);
        }
    }
}
