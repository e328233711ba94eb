using System.Net;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Each credential has its own request budget; over it, 429 with Retry-After, and nobody else is slowed.</summary>
[Collection(IsolatedApiCollection.Name)]
public sealed class RateLimitTests(IsolatedApiFixture api)
{
    [Fact]
    public async Task ApiKeyOverItsBudgetIsAnswered429WithRetryAfter()
    {
        for (var i = 0; i < IsolatedApiFixture.TightPermitLimit; i++)
        {
            using var allowed = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, "/api/sessions", IsolatedApiFixture.ApiKey, json: null);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, "/api/sessions", IsolatedApiFixture.ApiKey, json: null);

        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task EachSessionTokenHasItsOwnBudget()
    {
        var session = await IsolatedSessions.CreateAsync(api.Roomy);
        var path = $"/api/sessions/{session.Id}";
        for (var i = 0; i < IsolatedApiFixture.TightPermitLimit; i++)
        {
            using var allowed = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, path, session.Token, json: null);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, path, session.Token, json: null);
        using var otherToken = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, path, session.ViewerToken, json: null);

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, otherToken.StatusCode);
    }

    [Fact]
    public async Task RequestsWithoutAValidCredentialShareTheirAddressBudgetAndTemplatesStayOpen()
    {
        for (var i = 0; i < IsolatedApiFixture.TightPermitLimit; i++)
        {
            using var unauthorized = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, "/api/sessions/ses_x", $"v1.forged{i}.sig", json: null);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        using var refused = await RawRequest.SendAsync(api.Tight, HttpMethod.Get, "/api/sessions", "not-a-key", json: null);
        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        for (var i = 0; i < IsolatedApiFixture.TightPermitLimit * 3; i++)
        {
            using var templates = await api.Tight.GetAsync("/api/templates");
            Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        }
    }
}
