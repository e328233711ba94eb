using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Previews;

/// <summary>
/// Preview URLs through the whole app: the Web routes <c>{port}-{session}.preview.localhost</c> to the worker holding the
/// sandbox, which reaches the port through the relay in a sandbox that still has no network.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class PreviewTests(SandboxAppFixture app) : IDisposable
{
    private readonly PreviewClient _client = new(app.WebUrl);

    [Fact]
    public async Task PythonWebPageOpensThroughItsPreviewUrl()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new
        {
            template = "python-web",
            files = new[] { new { path = "index.html", content = "<h1>hello from the sandbox</h1>" } },
        });
        var session = scenario.Session;
        Assert.Contains(scenario.StartUp, f => f.Type == "progress" && f.Text("step") == "exposing_port");
        var ready = scenario.StartUp[^1];
        var url = ready.Text("previewUrl");
        Assert.Equal($"http://8000-{session.Id.Replace('_', '-')}.preview.localhost:{app.WebUrl.Port}/", url);
        Assert.Equal(url, ready.Json.GetProperty("previews")[0].GetProperty("url").GetString());

        // The session lists it, private.
        var preview = (await GetSessionAsync(session.Id, session.ViewerToken)).GetProperty("previews").EnumerateArray().Single();
        Assert.Equal(8000, preview.GetProperty("port").GetInt32());
        Assert.Equal(url, preview.GetProperty("url").GetString());
        Assert.False(preview.GetProperty("public").GetBoolean());

        // Owner and viewer tokens open it as a bearer; nothing else does.
        foreach (var token in new[] { session.Token, session.ViewerToken })
        {
            using var page = await _client.GetAsync(url, token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("hello from the sandbox", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var anonymous = await _client.GetAsync(url))
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        // A browser: the link's token becomes this origin's cookie, and the address loses the token.
        using (var bootstrap = await _client.GetAsync(url + "?sandbox_token=" + Uri.EscapeDataString(session.ViewerToken) + "&x=1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, bootstrap.StatusCode);
            Assert.Equal("/?x=1", bootstrap.Headers.Location!.OriginalString);
            var cookie = Assert.Single(bootstrap.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }
        using (var withCookie = await _client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
            Assert.Contains("hello from the sandbox", await withCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The cookie belongs to that one origin: another port of the same session does not get it.
        Assert.Empty(_client.Cookies.GetCookies(new Uri(url.Replace("//8000-", "//8001-", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task AnotherSessionsTokenIsRefused()
    {
        await using var web = await SessionScenario.StartAsync(app, new { template = "python-web" });
        await using var other = await SessionScenario.StartShellAsync(app);
        var url = web.StartUp[^1].Text("previewUrl");

        foreach (var token in new[] { other.Session.Token, other.Session.ViewerToken, "v1.forged.token" })
        {
            using var response = await _client.GetAsync(url, token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var bootstrap = await _client.GetAsync(url + "?sandbox_token=" + Uri.EscapeDataString(other.Session.Token)))
            Assert.Equal(HttpStatusCode.NotFound, bootstrap.StatusCode);
        // The other session's own preview host with a port it never exposed: nothing there either.
        using (var unexposed = await _client.GetAsync($"http://8000-{other.Session.Id.Replace('_', '-')}.preview.localhost:{app.WebUrl.Port}/", other.Session.Token))
            Assert.Equal(HttpStatusCode.NotFound, unexposed.StatusCode);
    }

    [Fact]
    public async Task PublicSwitchOpensAndClosesThePreviewToAnyone()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new
        {
            template = "python-web",
            files = new[] { new { path = "index.html", content = "public page" } },
        });
        var session = scenario.Session;
        var url = scenario.StartUp[^1].Text("previewUrl");
        var path = $"/api/sessions/{session.Id}/previews/8000";

        using (var viewer = await app.Api.SendAsync(HttpMethod.Put, path, session.ViewerToken, new { @public = true }, CancellationToken.None))
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);

        using (var on = await app.Api.SendAsync(HttpMethod.Put, path, session.Token, new { @public = true }, CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
            Assert.True((await on.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("public").GetBoolean());
        }
        using (var anonymous = await _client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Contains("public page", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var off = await app.Api.SendAsync(HttpMethod.Put, path, session.Token, new { @public = false }, CancellationToken.None))
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        using (var anonymous = await _client.GetAsync(url))
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using (var owner = await _client.GetAsync(url, session.Token))
            Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        using (var badPort = await app.Api.SendAsync(HttpMethod.Put, $"/api/sessions/{session.Id}/previews/70000", session.Token, new { @public = true }, CancellationToken.None))
            Assert.Equal(HttpStatusCode.BadRequest, badPort.StatusCode);
    }

    [Fact]
    public async Task WebSocketAndServerSentEventsPassThroughAndTheSandboxNeverSeesTheToken()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new
        {
            template = TestTemplates.PreviewEcho,
            files = new[] { new { path = PreviewTestServer.FileName, content = PreviewTestServer.Source } },
        });
        var session = scenario.Session;
        var url = scenario.StartUp[^1].Text("previewUrl");
        var host = new Uri(url).Authority;

        // What the sandbox's server sees: the browser's host, neither the bearer token nor the preview cookie.
        using (var bootstrap = await _client.GetAsync(url + "?sandbox_token=" + Uri.EscapeDataString(session.Token))) { }
        _client.Cookies.Add(new Uri(url), new Cookie("theme", "dark"));
        using (var echo = await _client.GetAsync(url + "plain", session.Token))
        {
            var body = await echo.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
            Assert.Contains($"path=/plain host={host} ", body, StringComparison.Ordinal);
            Assert.Contains("cookie=theme=dark auth=", body, StringComparison.Ordinal);
            Assert.DoesNotContain(session.Token, body, StringComparison.Ordinal);
            Assert.EndsWith("auth=", body, StringComparison.Ordinal);
        }

        // WebSocket: upgraded through both hops, messages echoed in order.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var socket = await _client.ConnectWebSocketAsync(url.Replace("http://", "ws://", StringComparison.Ordinal) + "ws", session.ViewerToken, timeout.Token))
        {
            var buffer = new byte[4096];
            for (var i = 0; i < 50; i++)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes($"message {i}"), WebSocketMessageType.Text, true, timeout.Token);
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                Assert.Equal($"echo:message {i}", Encoding.UTF8.GetString(buffer, 0, received.Count));
            }
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }

        // SSE: each event arrives as it is written, not when the response ends.
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "sse");
        request.Headers.Authorization = new("Bearer", session.Token);
        using var stream = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        var arrivals = new List<long>();
        while (arrivals.Count < 3 && await reader.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith("data: tick", StringComparison.Ordinal)) arrivals.Add(Stopwatch.GetTimestamp());
        Assert.Equal(3, arrivals.Count);
        Assert.True(Stopwatch.GetElapsedTime(arrivals[0], arrivals[2]) > TimeSpan.FromMilliseconds(400),
            "the events arrived together: the stream was buffered somewhere");
    }

    [Fact]
    public async Task SleepingSandboxWakesOnAPreviewRequest()
    {
        var scenario = await SessionScenario.StartAsync(app, new
        {
            template = TestTemplates.SleepyWeb,
            files = new[] { new { path = "index.html", content = "awake again" } },
        });
        var session = scenario.Session;
        var url = scenario.StartUp[^1].Text("previewUrl");
        // A watching viewer is activity too: only an unwatched sandbox falls asleep.
        await scenario.DisposeAsync();
        Assert.Equal("sleeping", await app.Api.WaitForStatusAsync(session.Id, session.Token, "sleeping", TimeSpan.FromSeconds(30)));
        // The janitor claims "sleeping" before it stops the container (its grace period): a request in between reaches
        // a server that is about to stop (a known race, in the note). This test is about waking a stopped one.
        var stopped = Stopwatch.StartNew();
        while ((await DockerCommand.RunAsync("ps", "-q", "--filter", $"label=aspire-sandbox.session={session.Id}", "--filter", "status=running")).Length > 0)
        {
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(30), "the sleeping sandbox's container did not stop within 30 s");
            await Task.Delay(200);
        }

        using var page = await _client.GetAsync(url, session.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("awake again", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ready", (await GetSessionAsync(session.Id, session.Token)).GetProperty("status").GetString());
    }

    private async Task<JsonElement> GetSessionAsync(string id, string token)
    {
        using var response = await app.Api.SendAsync(HttpMethod.Get, $"/api/sessions/{id}", token, null, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => _client.Dispose();
}
