using System.Net;
using Aspire.Sandbox.Contracts.Security;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Without Redis the Api answers 503 with Retry-After, says so on /health, and still serves what needs no Redis.</summary>
[Collection(IsolatedApiCollection.Name)]
public sealed class RedisUnavailableTests(IsolatedApiFixture api)
{
    [Fact]
    public async Task EveryEndpointThatNeedsRedisAnswers503WithRetryAfter()
    {
        var token = TestTokens.Issue(api.CurrentTokenKey, "ses_abcdefghijklmnopqrst", SessionRole.Owner, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        (HttpMethod Method, string Path, string Bearer, string? Body)[] calls =
        [
            (HttpMethod.Post, "/api/sessions", IsolatedApiFixture.ApiKey, """{"template":"shell"}"""),
            (HttpMethod.Get, "/api/sessions", IsolatedApiFixture.ApiKey, null),
            (HttpMethod.Get, "/api/sessions/ses_abcdefghijklmnopqrst", token, null),
            (HttpMethod.Post, "/api/sessions/ses_abcdefghijklmnopqrst/runs", token, """{"prompt":"true"}"""),
            (HttpMethod.Get, "/api/sessions/ses_abcdefghijklmnopqrst/frames", token, null),
            (HttpMethod.Delete, "/api/sessions/ses_abcdefghijklmnopqrst", token, null),
        ];
        foreach (var (method, path, bearer, body) in calls)
        {
            using var response = await RawRequest.SendAsync(api.NoRedis, method, path, bearer, body);
            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "service-unavailable");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{method} {path}: no Retry-After");
        }
    }

    [Fact]
    public async Task HealthSaysUnhealthyWhileTemplatesAndValidationStillAnswer()
    {
        using var health = await api.NoRedis.GetAsync("/health");
        using var alive = await api.NoRedis.GetAsync("/alive");
        using var templates = await api.NoRedis.GetAsync("/api/templates");
        using var invalid = await RawRequest.SendAsync(api.NoRedis, HttpMethod.Post, "/api/sessions", IsolatedApiFixture.ApiKey, """{"template":"nope"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        await ProblemAssert.IsAsync(invalid, HttpStatusCode.BadRequest, "validation", "template");
    }
}
