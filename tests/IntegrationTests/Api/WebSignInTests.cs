using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>A deployed Web (sign-in required) with two users signing in by personal API key, over a real Api and Redis (no worker).</summary>
public sealed class WebSignInFixture : IAsyncLifetime
{
    public const string AliceKey = "sbx_personal_alice_0123456789";
    public const string BobKey = "sbx_personal_bob_9876543210";

    public DistributedApplication App { get; private set; } = null!;
    public Uri WebUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        const string apiKey = "sbx_signin_web_backend_key";
        var tokenKey = TestTokens.NewKey();
        var builder = TestApps.CreateBuilder();
        var redis = builder.AddRedis("redis").WithSandboxRedisImage();
        var api = builder.AddProject<Projects.Aspire_Sandbox_Api>("api")
            .WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithEnvironment("Sandbox__ApiKeys__0", apiKey)
            .WithEnvironment("Sandbox__TokenKeys__0", tokenKey)
            .WithReference(redis).WaitFor(redis);
        builder.AddProject<Projects.Aspire_Sandbox_Web>("web-signin")
            .WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithReference(redis)
            .WithReference(api).WaitFor(api)
            .WithEnvironment("Sandbox__ApiKey", apiKey)
            .WithEnvironment("Sandbox__TokenKeys__0", tokenKey)
            .WithEnvironment("Sandbox__SignIn__Required", "true")
            .WithEnvironment("Sandbox__SignIn__Users__0__Name", "alice")
            .WithEnvironment("Sandbox__SignIn__Users__0__Key", AliceKey)
            .WithEnvironment("Sandbox__SignIn__Users__1__Name", "bob")
            .WithEnvironment("Sandbox__SignIn__Users__1__Key", BobKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("web-signin", timeout.Token);
        WebUrl = App.GetEndpoint("web-signin", "http");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WebSignInCollection : ICollectionFixture<WebSignInFixture>
{
    public const string Name = "web-signin";
}

/// <summary>A deployed Web lets no anonymous visitor start or list sandboxes; each user sees only their own sessions.</summary>
[Collection(WebSignInCollection.Name)]
public sealed class WebSignInTests(WebSignInFixture web)
{
    [Fact]
    public async Task AnonymousVisitorCanNeitherCreateNorListNorOpenSessions()
    {
        using var anonymous = Browser();
        var me = await anonymous.GetFromJsonAsync<JsonElement>("/app/me");
        Assert.True(me.GetProperty("required").GetBoolean());
        Assert.False(me.GetProperty("signedIn").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/app/sessions", new { template = "shell" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/app/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/app/sessions/ses_x/access")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/app/signin", new { key = "sbx_wrong" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/app/signin", new { key = "" })).StatusCode);
    }

    [Fact]
    public async Task KeySignInGivesAnHttpOnlySameSiteCookieAndSessionsBelongToTheirCreator()
    {
        using var alice = Browser();
        using var bob = Browser();
        using var signedIn = await alice.PostAsJsonAsync("/app/signin", new { key = WebSignInFixture.AliceKey });
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WebSignInFixture.AliceKey, cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsJsonAsync("/app/signin", new { key = WebSignInFixture.BobKey })).StatusCode);
        Assert.Equal("alice", (await alice.GetFromJsonAsync<JsonElement>("/app/me")).GetProperty("name").GetString());

        using var created = await alice.PostAsJsonAsync("/app/sessions", new { template = "shell" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        Assert.Contains(await ListAsync(alice), s => s == id);
        Assert.DoesNotContain(await ListAsync(bob), s => s == id);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/app/sessions/{id}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/app/sessions/{id}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/app/sessions/{id}/access?role=viewer")).StatusCode);

        // Signed out, the cookie no longer works.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync("/app/signout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/app/sessions")).StatusCode);
    }

    [Fact]
    public async Task HistoryPagesNeedTheSessionsOwnTokenAndAnswerBadQueriesClearly()
    {
        using var alice = Browser();
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsJsonAsync("/app/signin", new { key = WebSignInFixture.AliceKey })).StatusCode);
        var first = await CreateAsync(alice);
        var second = await CreateAsync(alice);

        // The cookie alone is not enough: a page reads history with the session's token, as the hub does.
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync($"/app/sessions/{first.Id}/history")).StatusCode);
        using var page = await alice.SendAsync(WithToken(HttpMethod.Get, $"/app/sessions/{first.Id}/history?limit=5", first.Token));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var body = await page.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, body.GetProperty("frames").ValueKind);
        Assert.False(body.GetProperty("hasMore").GetBoolean());
        Assert.All(body.GetProperty("frames").EnumerateArray(), f => Assert.Equal(first.Id, f.GetProperty("session").GetString()));

        // Another session's token: the same 404 as a session that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await alice.SendAsync(WithToken(HttpMethod.Get, $"/app/sessions/{first.Id}/history", second.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.SendAsync(WithToken(HttpMethod.Get, $"/app/sessions/{first.Id}/history?before=yesterday", first.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.SendAsync(WithToken(HttpMethod.Get, $"/app/sessions/{first.Id}/history?limit=501", first.Token))).StatusCode);
    }

    private sealed record Created(string Id, string Token);

    private static async Task<Created> CreateAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/app/sessions", new { template = "shell" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return new Created(body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token) =>
        new(method, path) { Headers = { Authorization = new("Bearer", token) } };

    private static async Task<string[]> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/app/sessions")).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();

    /// <summary>One person's browser: its own cookie jar.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = web.WebUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
