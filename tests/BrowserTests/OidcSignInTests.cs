using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Aspire.Sandbox.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// A Web that signs people in through an OpenID Connect provider (the tests' own, <see cref="OidcIdentityProvider"/>),
/// with Redis and the Api of its own and no worker: nothing without signing in, a signed-in user creates and lists their
/// sessions, and another user's session is a 404.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class OidcSignInTests(SandboxAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private OidcIdentityProvider _provider = null!;
    private DistributedApplication _deployed = null!;
    private Uri? _web;

    public async Task InitializeAsync()
    {
        _provider = await OidcIdentityProvider.StartAsync(() => _web is null ? null : new Uri(_web, "/signin-oidc").ToString());
        const string apiKey = "sbx_browser_oidc_backend";
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
            .WithEnvironment("Sandbox__SignIn__Oidc__Authority", _provider.Authority.ToString())
            .WithEnvironment("Sandbox__SignIn__Oidc__ClientId", OidcIdentityProvider.ClientId)
            .WithEnvironment("Sandbox__SignIn__Oidc__ClientSecret", OidcIdentityProvider.ClientSecret)
            .WithEnvironment("Sandbox__SignIn__Oidc__RequireHttpsMetadata", "false");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _deployed = await builder.BuildAsync(timeout.Token);
        await _deployed.StartAsync(timeout.Token);
        await _deployed.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await _deployed.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        _web = _deployed.GetEndpoint("web", "http");
    }

    public async Task DisposeAsync()
    {
        await _deployed.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SignInGoesThroughTheProviderAndEachUserSeesOnlyTheirOwnSessions()
    {
        var web = _web!;
        await using var aliceBrowser = await app.OpenPageAsync(output);
        var alice = aliceBrowser.Page;
        var stage = "anonymous";
        try
        {
            // Nothing without signing in: the page offers the provider only (no personal keys configured)…
            await alice.GotoAsync(web.ToString());
            await Expect(alice.GetByTestId("signin")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(alice.GetByTestId("signin-oidc")).ToBeVisibleAsync();
            await Expect(alice.GetByTestId("signin-form")).ToBeHiddenAsync();
            await Expect(alice.GetByTestId("new-sandbox")).ToBeHiddenAsync();
            await aliceBrowser.ScreenshotAsync("Oidc-signin-asked");
            // …and the server refuses an anonymous create or list, whatever the page shows.
            var anonymous = await alice.EvaluateAsync<JsonElement>("""
                async () => ({
                  create: (await fetch('/app/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"template":"shell"}' })).status,
                  list: (await fetch('/app/sessions')).status,
                })
                """);
            Assert.Equal(401, anonymous.GetProperty("create").GetInt32());
            Assert.Equal(401, anonymous.GetProperty("list").GetInt32());

            stage = "alice signs in at the provider";
            var aliceId = await SignInAndCreateSessionAsync(aliceBrowser, "Alice");

            stage = "bob";
            await using var bobBrowser = await app.OpenPageAsync(output);
            var bob = bobBrowser.Page;
            var bobId = await SignInAndCreateSessionAsync(bobBrowser, "Bob");
            var bobsList = bob.GetByTestId("sessions-list");
            await Expect(bobsList.Locator($"[data-session-id=\"{bobId}\"]")).ToBeVisibleAsync();
            await Expect(bobsList.Locator($"[data-session-id=\"{aliceId}\"]")).ToHaveCountAsync(0);
            Assert.Equal(["Alice", "Bob"], _provider.SignIns);

            stage = "bob opens alice's session";
            await bob.GotoAsync(new Uri(web, $"/s/{aliceId}").ToString());
            await Expect(bob.GetByTestId("error")).ToContainTextAsync("Could not open this session", new() { Timeout = 30_000 });
            Assert.Null(await bob.EvaluateAsync<string?>("() => window.__sandbox.sessionId"));
            var answers = await bob.EvaluateAsync<JsonElement>("""
                async (id) => ({
                  owner: (await fetch(`/app/sessions/${id}/access`)).status,
                  viewer: (await fetch(`/app/sessions/${id}/access?role=viewer`)).status,
                })
                """, aliceId);
            Assert.Equal(404, answers.GetProperty("owner").GetInt32());
            Assert.Equal(404, answers.GetProperty("viewer").GetInt32());
            await bobBrowser.ScreenshotAsync("Oidc-other-users-session");

            stage = "alice still has hers";
            await alice.ReloadAsync();
            await Expect(alice.GetByTestId("user")).ToHaveTextAsync("Alice", new() { Timeout = 30_000 });
            await Expect(alice.GetByTestId("sessions-list").Locator($"[data-session-id=\"{bobId}\"]")).ToHaveCountAsync(0);
            await Expect(alice.GetByTestId("sessions-list").Locator($"[data-session-id=\"{aliceId}\"]")).ToBeVisibleAsync();

            stage = "sign out";
            await alice.GetByTestId("signout").ClickAsync();
            await Expect(alice.GetByTestId("signin")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(401, await alice.EvaluateAsync<int>("async () => (await fetch('/app/sessions')).status"));
            stage = "done";
        }
        finally
        {
            if (stage != "done") output.WriteLine($"failed at {stage}: " + await aliceBrowser.ScreenshotAsync("Oidc-failed"));
        }
    }

    /// <summary>Signs in through the provider's login page as <paramref name="user"/>, starts a sandbox, and returns its id once it is listed.</summary>
    private async Task<string> SignInAndCreateSessionAsync(BrowserPage browser, string user)
    {
        var page = browser.Page;
        await page.GotoAsync(_web!.ToString());
        await page.GetByTestId("signin-oidc").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(_provider.Authority.ToString())}login"), new() { Timeout = 30_000 });
        await page.GetByTestId("idp-user").FillAsync(user);
        if (user == "Alice") await browser.ScreenshotAsync("Oidc-provider-login");
        await page.GetByTestId("idp-submit").ClickAsync();

        // Back at the Web, signed in: the name comes from the provider's ID token.
        await Expect(page.GetByTestId("user")).ToHaveTextAsync(user, new() { Timeout = 30_000 });
        Assert.StartsWith(_web!.ToString(), page.Url);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "sandbox.user");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite); // a provider's redirect back must carry it

        await page.GetByTestId("start-session").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/s/ses_[a-z0-9]+$"), new() { Timeout = 30_000 });
        var id = await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");
        await Expect(page.GetByTestId("sessions-list").Locator($"[data-session-id=\"{id}\"]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await browser.ScreenshotAsync($"Oidc-signed-in-{user}");
        return id;
    }
}
