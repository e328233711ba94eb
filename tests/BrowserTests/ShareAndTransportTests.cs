using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>A read-only share link watched from another browser; streaming with WebSockets forbidden.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class ShareAndTransportTests(SandboxAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task ShareLinkStreamsLiveWithNoControlsAndTheServerRefusesTheViewerAnythingElse()
    {
        await using var owner = await app.OpenPageAsync(output);
        var page = owner.Page;
        await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "shell", output);
        var id = await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");
        await PageSteps.RunCommandAsync(page, "echo before sharing");
        await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });

        await page.GetByTestId("share-session").ClickAsync();
        await Expect(page.GetByTestId("share-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("#view="));
        var link = await page.GetByTestId("share-link").InputValueAsync();
        var uri = new Uri(link);
        Assert.Equal($"/s/{id}", uri.AbsolutePath);
        Assert.StartsWith("#view=", uri.Fragment); // the token is in the fragment: never sent to, or logged by, a server
        Assert.Empty(uri.Query);

        await using var viewerBrowser = await app.OpenPageAsync(output);
        var viewer = viewerBrowser.Page;
        var passed = false;
        try
        {
            await viewer.GotoAsync(link);
            await Expect(viewer.GetByTestId("viewer-banner")).ToBeVisibleAsync();
            await Expect(viewer.Locator(".run-output").First).ToHaveTextAsync("before sharing\n", new() { Timeout = 60_000 });

            // Live: what the owner runs now streams to the viewer.
            await PageSteps.RunCommandAsync(page, "for i in 1 2 3; do echo shared $i; sleep 0.3; done; sleep 5");
            await Expect(viewer.Locator(".run-output").Nth(1)).ToHaveTextAsync("shared 1\nshared 2\nshared 3\n", new() { Timeout = 60_000 });
            // No controls of any kind.
            foreach (var control in new[] { "command-form", "start-session", "share-session", "delete-session", "stop-run", "retry-session", "sessions", "file-input" })
                await Expect(viewer.GetByTestId(control)).ToBeHiddenAsync();
            await viewerBrowser.ScreenshotAsync("Share-viewer");
            await owner.ScreenshotAsync("Share-owner");

            // The server refuses the viewer's token for everything but watching.
            var answers = await viewer.EvaluateAsync<JsonElement>("""
                async ([id, runId]) => {
                  const token = decodeURIComponent(location.hash.slice('#view='.length));
                  const call = (method, url, body) => fetch(url, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
                    body: body === undefined ? undefined : JSON.stringify(body) }).then(r => r.status);
                  const hub = (method, ...args) => window.__sandbox.hub(method, ...args).then(() => 'accepted', e => String(e.message));
                  return {
                    run: await call('POST', `/app/sessions/${id}/runs`, { command: ['true'] }),
                    stop: await call('POST', `/app/sessions/${id}/runs/${runId}/stop`),
                    remove: await call('DELETE', `/app/sessions/${id}`),
                    read: await call('GET', `/app/sessions/${id}`),
                    input: await hub('SendInput', id, 'echo hi\n'),
                    resize: await hub('Resize', id, 80, 24),
                  };
                }
                """, new[] { id, await page.GetByTestId("output").Locator("[data-run]").Last.GetAttributeAsync("data-run") });
            output.WriteLine(answers.ToString());
            Assert.Equal(403, answers.GetProperty("run").GetInt32());
            Assert.Equal(403, answers.GetProperty("stop").GetInt32());
            Assert.Equal(403, answers.GetProperty("remove").GetInt32());
            Assert.Equal(200, answers.GetProperty("read").GetInt32());
            Assert.Contains("only watch", answers.GetProperty("input").GetString());
            Assert.Contains("only watch", answers.GetProperty("resize").GetString());
            passed = true;
        }
        finally
        {
            if (!passed) output.WriteLine("screenshot: " + await viewerBrowser.ScreenshotAsync("Share-viewer-failed"));
        }
    }

    [Fact]
    public async Task WithWebSocketsForbiddenThePageStillStreams()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        // As behind a proxy that will not upgrade: the browser has no WebSocket at all, and any upgrade is refused.
        await page.AddInitScriptAsync("delete window.WebSocket; window.WebSocket = undefined;");
        var sockets = 0;
        page.WebSocket += (_, _) => sockets++;
        var fallbackRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/hubs/sessions?id=", StringComparison.Ordinal)) fallbackRequests.Add($"{request.Method} {request.Headers.GetValueOrDefault("accept")}");
        };

        await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "shell", output);
        await PageSteps.RunCommandAsync(page, "for i in 1 2 3 4 5; do echo fallback $i; sleep 0.2; done");
        await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
        await Expect(page.Locator(".run-output")).ToHaveTextAsync("fallback 1\nfallback 2\nfallback 3\nfallback 4\nfallback 5\n");

        output.WriteLine("transport requests: " + string.Join(", ", fallbackRequests.Distinct()));
        Assert.Equal(0, sockets);
        // Server-Sent Events (GET, text/event-stream) or long polling (GET polls, POST sends).
        Assert.Contains(fallbackRequests, r => r.StartsWith("GET", StringComparison.Ordinal));
        await browser.ScreenshotAsync(nameof(WithWebSocketsForbiddenThePageStillStreams));
    }
}
