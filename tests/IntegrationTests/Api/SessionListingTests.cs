using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>GET /api/sessions: the caller's sessions, newest first, by cursor, filtered; labels set at creation.</summary>
[Collection(SessionListingCollection.Name)]
public sealed class SessionListingTests(SessionListingFixture api)
{
    [Fact]
    public async Task PagesWalkTheCallersSessionsNewestFirstWithNoneMissedOrRepeated()
    {
        var batch = NewBatch();
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add(await CreateAsync(SessionListingFixture.KeyA, $$$"""{"template":"shell","name":"n{{{i}}}","labels":{"batch":"{{{batch}}}"}}"""));

        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(SessionListingFixture.KeyA, $"limit=3&label=batch:{batch}" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("sessions").EnumerateArray());
            cursor = page.GetProperty("next").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        var ids = seen.Select(s => s.GetProperty("id").GetString()!).ToList();
        Assert.Equal(created.AsEnumerable().Reverse(), ids); // created one after another: newest first is the reverse
        var times = seen.Select(s => s.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(seen, s => Assert.Equal(batch, s.GetProperty("labels").GetProperty("batch").GetString()));
        Assert.Equal(["id", "template", "name", "status", "createdAt", "lastActivityAt", "labels"], seen[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnotherApiKeySeesNoneOfThem()
    {
        var batch = NewBatch();
        await CreateAsync(SessionListingFixture.KeyA, $$$"""{"template":"shell","labels":{"batch":"{{{batch}}}"}}""");

        var mine = await ListAsync(SessionListingFixture.KeyA, $"label=batch:{batch}");
        var theirs = await ListAsync(SessionListingFixture.KeyB, $"label=batch:{batch}");

        Assert.Single(mine.GetProperty("sessions").EnumerateArray());
        Assert.Empty(theirs.GetProperty("sessions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task FiltersByTemplateStatusAndEveryLabelGiven()
    {
        var batch = NewBatch();
        var shellRed = await CreateAsync(SessionListingFixture.KeyB, $$$"""{"template":"shell","labels":{"batch":"{{{batch}}}","colour":"red"}}""");
        var terminalRed = await CreateAsync(SessionListingFixture.KeyB, $$$"""{"template":"terminal","labels":{"batch":"{{{batch}}}","colour":"red"}}""");
        var shellBlue = await CreateAsync(SessionListingFixture.KeyB, $$$"""{"template":"shell","labels":{"batch":"{{{batch}}}","colour":"blue"}}""");

        Assert.Equal([shellBlue, shellRed], await IdsAsync($"label=batch:{batch}&template=shell"));
        Assert.Equal([terminalRed, shellRed], await IdsAsync($"label=batch:{batch}&label=colour:red"));
        Assert.Equal([shellRed], await IdsAsync($"label=batch:{batch}&label=colour:red&template=shell&status=starting"));
        Assert.Empty(await IdsAsync($"label=batch:{batch}&status=ready"));

        async Task<string[]> IdsAsync(string query) =>
            (await ListAsync(SessionListingFixture.KeyB, query)).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("status=asleep", "status")]
    [InlineData("label=nocolon", "label")]
    [InlineData("label=bad%20key:v", "label")]
    [InlineData("label=k:bad%20value", "label")]
    public async Task BadQueryIsRefusedNamingTheParameter(string query, string field)
    {
        using var response = await RawRequest.SendAsync(api.Http, HttpMethod.Get, "/api/sessions?" + query, SessionListingFixture.KeyA, json: null);
        await AssertValidationAsync(response, field);
    }

    [Theory]
    [InlineData("""{"bad key":"v"}""", "labels")]
    [InlineData("""{"k":"no spaces"}""", "labels.k")]
    [InlineData("""{"k":"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}""", "labels.k")]
    [InlineData("""{"a":"","b":"","c":"","d":"","e":"","f":"","g":"","h":"","i":"","j":"","k":"","l":"","m":"","n":"","o":"","p":"","q":""}""", "labels")]
    public async Task BadLabelsAreRefusedNamingTheField(string labels, string field)
    {
        using var response = await RawRequest.SendAsync(api.Http, HttpMethod.Post, "/api/sessions", SessionListingFixture.KeyA,
            $$$"""{"template":"shell","labels":{{{labels}}}}""");
        await AssertValidationAsync(response, field);
    }

    /// <summary>One script call per page, whether the key has 3 sessions or 60: the page is read next to the data.</summary>
    [Fact]
    public async Task APageCostsOneRedisRoundTripWhateverTheNumberOfSessions()
    {
        var small = NewBatch();
        var large = NewBatch();
        for (var i = 0; i < 3; i++) await CreateAsync(SessionListingFixture.KeyA, $$$"""{"template":"shell","labels":{"batch":"{{{small}}}"}}""");
        for (var i = 0; i < 60; i++) await CreateAsync(SessionListingFixture.KeyA, $$$"""{"template":"shell","labels":{"batch":"{{{large}}}"}}""");

        foreach (var (batch, expected) in new[] { (small, 3), (large, 60) })
        {
            var before = await CommandCountsAsync();
            var page = await ListAsync(SessionListingFixture.KeyA, $"limit=100&label=batch:{batch}");
            var after = await CommandCountsAsync();

            Assert.Equal(expected, page.GetProperty("sessions").GetArrayLength());
            // Commands sent by clients (EVAL/EVALSHA) versus those the script ran inside Redis (HGETALL, ZREVRANGEBYSCORE).
            Assert.Equal(1, Delta("eval") + Delta("evalsha"));
            Assert.True(Delta("hgetall") >= expected, $"the script read {Delta("hgetall")} hashes for {expected} sessions");
            long Delta(string command) => after.GetValueOrDefault(command) - before.GetValueOrDefault(command);
        }
    }

    private async Task<Dictionary<string, long>> CommandCountsAsync()
    {
        var info = (string)(await api.Redis.GetDatabase().ExecuteAsync("INFO", "commandstats"))!;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in info.Split('\n'))
        {
            // cmdstat_get:calls=1,usec=2,...
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':');
            var calls = line[(colon + 1)..].Split(',')[0];
            counts[line[8..colon]] = long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private async Task<string> CreateAsync(string key, string body)
    {
        using var response = await RawRequest.SendAsync(api.Http, HttpMethod.Post, "/api/sessions", key, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> ListAsync(string key, string query)
    {
        using var response = await RawRequest.SendAsync(api.Http, HttpMethod.Get, "/api/sessions?" + query, key, json: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertValidationAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://aspire-sandbox.dev/problems/validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
    }

    private static string NewBatch() => Guid.NewGuid().ToString("N");
}
