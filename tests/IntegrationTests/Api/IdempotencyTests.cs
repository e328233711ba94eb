using System.Net;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>A retried POST with the same Idempotency-Key gets the first answer back and starts nothing new.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class IdempotencyTests(SandboxAppFixture app)
{
    private const string Replayed = "Idempotent-Replayed";
    private readonly ApiTarget _api = new(app);

    [Fact]
    public async Task RetriedSessionCreationReturnsTheFirstAnswerAndCreatesOneSession()
    {
        var key = Headers(Guid.NewGuid().ToString());
        var before = await SessionCountAsync();
        using var first = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"shell"}""", key);
        using var retry = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{ "template" : "shell" }""", key);
        var body = await first.Content.ReadAsStringAsync();
        var session = JsonSerializer.Deserialize<SandboxApiClient.CreatedSession>(body, JsonSerializerOptions.Web)!;
        try
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(body, await retry.Content.ReadAsStringAsync());
            Assert.Equal(first.Headers.Location, retry.Headers.Location);
            Assert.False(first.Headers.Contains(Replayed));
            Assert.Equal("true", retry.Headers.GetValues(Replayed).Single());
            Assert.Equal(before + 1, await SessionCountAsync());
        }
        finally
        {
            await _api.DeleteAsync(session);
        }
    }

    [Fact]
    public async Task SameKeyWithAnotherBodyIsRefused422()
    {
        var key = Headers(Guid.NewGuid().ToString());
        using var first = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"shell","name":"one"}""", key);
        var session = JsonSerializer.Deserialize<SandboxApiClient.CreatedSession>(await first.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        try
        {
            using var other = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"shell","name":"two"}""", key);
            await ProblemAssert.IsAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key");
        }
        finally
        {
            await _api.DeleteAsync(session);
        }
    }

    [Fact]
    public async Task ConcurrentRetriesOfARunStartOneRun()
    {
        var session = await _api.CreateShellAsync();
        try
        {
            var key = Headers(Guid.NewGuid().ToString());
            var path = $"/api/sessions/{session.Id}/runs";
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            {
                using var response = await _api.SendAsync(HttpMethod.Post, path, session.Token, """{"command":["true"]}""", key);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));
            // Those that overlap the first are told to retry (409, in flight); retrying then gets the first answer.
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{a.StatusCode} {a.Body}"));
            using var retry = await _api.SendAsync(HttpMethod.Post, path, session.Token, """{"command":["true"]}""", key);
            var runId = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
            Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Accepted),
                a => Assert.Equal(runId, JsonDocument.Parse(a.Body).RootElement.GetProperty("runId").GetString()));

            using var details = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}", session.Token);
            var runs = JsonDocument.Parse(await details.Content.ReadAsStringAsync()).RootElement.GetProperty("runs");
            Assert.Equal([runId], runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }
        finally
        {
            await _api.DeleteAsync(session);
        }
    }

    [Fact]
    public async Task KeysBelongToTheirCallerOnly()
    {
        var one = await _api.CreateShellAsync();
        var two = await _api.CreateShellAsync();
        try
        {
            var key = Headers("shared-" + Guid.NewGuid());
            using var first = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{one.Id}/runs", one.Token, """{"command":["true"]}""", key);
            using var second = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{two.Id}/runs", two.Token, """{"command":["true"]}""", key);
            using var foreign = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{one.Id}/runs", two.Token, """{"command":["true"]}""", key);

            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            Assert.False(second.Headers.Contains(Replayed));
            await ProblemAssert.IsAsync(foreign, HttpStatusCode.NotFound, "not-found");
        }
        finally
        {
            await _api.DeleteAsync(one, two);
        }
    }

    /// <summary>Every session of the key: the list is paged ({ sessions, next }), so walk it to the end (bounded).</summary>
    private async Task<int> SessionCountAsync()
    {
        var count = 0;
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            using var response = await _api.SendAsync(HttpMethod.Get, "/api/sessions?limit=200" + (cursor is null ? "" : "&cursor=" + cursor), _api.ApiKey);
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            count += root.GetProperty("sessions").GetArrayLength();
            cursor = root.GetProperty("next").GetString();
            if (cursor is null) return count;
        }
        throw new InvalidOperationException("More than 1000 pages of sessions.");
    }

    private static Dictionary<string, string> Headers(string key) => new() { ["Idempotency-Key"] = key };
}
