using Aspire.Sandbox.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// A Web configured to need sign-in (as when deployed), with Redis and the Api of its own and no worker: the page asks
/// for a personal key before anything else, and another user's session address is refused.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class SignInPageTests(SandboxAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AliceKey = "sbx_browser_alice_key_0123456789";
    private const string BobKey = "sbx_browser_bob_key_0123456789";
    private DistributedApplication _deployed = null!;
    private Uri _web = null!;

    public async Task InitializeAsync()
    {
        const string apiKey = "sbx_browser_signin_backend";
        var tokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var builder = TestApps.CreateBuilder();
        var redis = builder.AddRedis("redis").WithSandboxRedisImage();
        var api = builder.AddProject<Projects.Aspire_Sandbox_Api>("api").WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithEnvironment("Sandbox__ApiKeys__0", apiKey).WithEnvironment("Sandbox__TokenKeys__0", tokenKey)
            .WithReference(redis).WaitFor(redis);
        builder.AddProject<Projects.Aspire_Sandbox_Web>("web").WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithReference(redis).WithReference(api).WaitFor(api)
            .WithEnvironment("Sandbox__ApiKey", apiKey).WithEnvironment("Sandbox__TokenKeys__0", tokenKey)
            .WithEnvironment("Sandbox__SignIn__Required", "true")
            .WithEnvironment("Sandbox__SignIn__Users__0__Name", "alice").WithEnvironment("Sandbox__SignIn__Users__0__Key", AliceKey)
            .WithEnvironment("Sandbox__SignIn__Users__1__Name", "bob").WithEnvironment("Sandbox__SignIn__Users__1__Key", BobKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _deployed = await builder.BuildAsync(timeout.Token);
        await _deployed.StartAsync(timeout.Token);
        await _deployed.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await _deployed.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        _web = _deployed.GetEndpoint("web", "http");
    }

    public async Task DisposeAsync() => await _deployed.DisposeAsync();

    [Fact]
    public async Task SignInIsAskedFirstAndAnotherUsersSessionIsNotFound()
    {
        // Bob has a session, made through his own signed-in client.
        using var bob = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _web };
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsJsonAsync("/app/signin", new { key = BobKey })).StatusCode);
        using var created = await bob.PostAsJsonAsync("/app/sessions", new { template = "shell" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bobsSession = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        await page.GotoAsync(_web.ToString());
        await Expect(page.GetByTestId("signin")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("new-sandbox")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("sessions")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("SignIn-asked");

        await page.GetByTestId("signin-key").FillAsync("sbx_not_a_key");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Could not sign in");

        await page.GetByTestId("signin-key").FillAsync(AliceKey);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("alice", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("new-sandbox")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sessions-list")).ToContainTextAsync("No sessions yet.");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "sandbox.user");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);

        await page.GotoAsync(new Uri(_web, $"/s/{bobsSession}").ToString());
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Could not open this session", new() { Timeout = 30_000 });
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__sandbox.sessionId"));
        await browser.ScreenshotAsync("SignIn-other-users-session");
    }
}
