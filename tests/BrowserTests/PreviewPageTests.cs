using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// Preview URLs in a real browser: the session page's "Open port 8000" link opens the sandbox's own server at its
/// preview origin, the link's token becomes that origin's HttpOnly cookie and leaves the address, and a browser without
/// the cookie gets the same 404 as a session that does not exist.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class PreviewPageTests(SandboxAppFixture app, ITestOutputHelper output)
{
    private const string MarkerFile = "preview-marker.txt";
    private const string MarkerText = "served from the sandbox through its preview URL";

    [Fact]
    public async Task OpenPortLinkShowsTheSandboxServerAtItsPreviewOriginAndAStrangerGets404()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        IPage? preview = null;
        var stage = "start";
        try
        {
            // A python-web session with one file of ours in /workspace, so the directory listing is recognisably this one.
            await page.GotoAsync(app.WebUrl.ToString());
            await page.Locator("[data-testid=\"template-select\"] option[value=\"python-web\"]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload
            {
                Name = MarkerFile, MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(MarkerText + "\n"),
            });
            await PageSteps.StartSandboxAsync(page, app.WebUrl, "python-web", output, navigate: false);
            var sessionId = await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");
            var previewUrl = $"http://8000-{sessionId.Replace('_', '-')}.preview.localhost:{app.WebUrl.Port}/";
            var previewHost = new Uri(previewUrl).Host;
            output.WriteLine($"session {sessionId}, preview {previewUrl}");

            stage = "link";
            var link = page.GetByTestId("preview-link");
            await Expect(link).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(link).ToHaveTextAsync("Open port 8000");
            Assert.Equal("_blank", await link.GetAttributeAsync("target"));
            var href = (await link.GetAttributeAsync("href"))!;
            Assert.StartsWith(previewUrl + "?sandbox_token=", href, StringComparison.Ordinal);

            // Every response of the preview host in this browser, to see the bootstrap redirect happen.
            var previewResponses = new List<(string Url, int Status)>();
            page.Context.Response += (_, r) =>
            {
                if (new Uri(r.Url).Host == previewHost)
                    lock (previewResponses) previewResponses.Add((r.Url, r.Status));
            };

            stage = "open";
            // target=_blank, rel=noopener: a new tab of the same browser.
            preview = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync(), new() { Timeout = 60_000 });
            preview.PageError += (_, e) => output.WriteLine($"[preview page error] {e}");
            await preview.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 120_000 });

            // python's http.server listing /workspace, at the preview origin, with the token gone from the address.
            await Expect(preview).ToHaveURLAsync(previewUrl, new() { Timeout = 60_000 });
            await Expect(preview.Locator("h1")).ToHaveTextAsync("Directory listing for /", new() { Timeout = 60_000 });
            await Expect(preview.Locator($"a[href=\"{MarkerFile}\"]")).ToHaveTextAsync(MarkerFile);
            Assert.DoesNotContain("sandbox_token", preview.Url, StringComparison.Ordinal);
            Assert.Equal(new Uri(previewUrl).GetLeftPart(UriPartial.Authority), await preview.EvaluateAsync<string>("() => location.origin"));
            Assert.Equal("", await preview.EvaluateAsync<string>("() => location.search"));
            // Nothing in the history entry or the page's own script sees the token: the cookie is HttpOnly.
            Assert.DoesNotContain("sandbox_preview", await preview.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

            lock (previewResponses)
            {
                output.WriteLine("preview responses: " + string.Join(", ", previewResponses.Select(r => $"{r.Status} {r.Url.Split("?sandbox_token=")[0]}{(r.Url.Contains("sandbox_token") ? "?sandbox_token=…" : "")}")));
                // The link's request was answered by a redirect (the token became a cookie), then the page itself was a 200.
                Assert.Contains(previewResponses, r => r.Status == 302 && r.Url.Contains("sandbox_token=", StringComparison.Ordinal));
                Assert.Contains(previewResponses, r => r.Status == 200 && r.Url == previewUrl);
            }

            // The cookie: HttpOnly, host-only on this one preview origin, holding the link's token.
            var cookies = await page.Context.CookiesAsync([previewUrl]);
            var cookie = Assert.Single(cookies, c => c.Name == "sandbox_preview");
            Assert.True(cookie.HttpOnly, "the preview cookie is readable by the page's scripts");
            Assert.Equal(previewHost, cookie.Domain);
            Assert.Equal(Uri.UnescapeDataString(href[(previewUrl.Length + "?sandbox_token=".Length)..]), cookie.Value);
            Assert.DoesNotContain(await page.Context.CookiesAsync([app.WebUrl.ToString()]), c => c.Name == "sandbox_preview");

            // The same origin keeps working by the cookie alone: a link of the listing opens our file.
            stage = "file";
            await preview.Locator($"a[href=\"{MarkerFile}\"]").ClickAsync();
            await Expect(preview).ToHaveURLAsync(previewUrl + MarkerFile, new() { Timeout = 60_000 });
            await Expect(preview.Locator("body")).ToContainTextAsync(MarkerText, new() { Timeout = 60_000 });
            await preview.GoBackAsync(new() { Timeout = 60_000 });
            await Expect(preview.Locator("h1")).ToHaveTextAsync("Directory listing for /", new() { Timeout = 60_000 });
            output.WriteLine("screenshot: " + await ScreenshotAsync(preview, "PreviewPage-listing"));

            // A fresh browser, no cookie: the same address is the 404 of a session that does not exist, with nothing of the sandbox.
            stage = "stranger";
            await using (var stranger = await app.OpenPageAsync(output))
            {
                var response = await stranger.Page.GotoAsync(previewUrl, new() { Timeout = 60_000 });
                Assert.NotNull(response);
                Assert.Equal(404, response.Status);
                var body = await stranger.Page.Locator("body").InnerTextAsync();
                Assert.Equal("Not found.", body.Trim());
                Assert.DoesNotContain(MarkerFile, body, StringComparison.Ordinal);
                Assert.Empty(await stranger.Page.Context.CookiesAsync([previewUrl]));
                output.WriteLine("screenshot: " + await stranger.ScreenshotAsync("PreviewPage-stranger-404"));
            }

            // The owner's tab still opens it (the stranger's visit changed nothing).
            stage = "reload";
            var again = await preview.ReloadAsync(new() { Timeout = 60_000 });
            Assert.Equal(200, again!.Status);
            await Expect(preview.Locator("h1")).ToHaveTextAsync("Directory listing for /");
            stage = "done";
        }
        finally
        {
            if (stage != "done")
            {
                output.WriteLine($"failed at stage {stage}");
                output.WriteLine("screenshot: " + await browser.ScreenshotAsync($"PreviewPage-{stage}-failed"));
                if (preview is { IsClosed: false })
                    output.WriteLine("screenshot: " + await ScreenshotAsync(preview, $"PreviewPage-{stage}-preview-failed"));
            }
        }
    }

    /// <summary>A full-page PNG of a page other than the fixture's own (the preview tab), next to the other screenshots.</summary>
    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("SANDBOX_SCREENSHOT_DIR");
        if (string.IsNullOrWhiteSpace(dir))
        {
            dir = AppContext.BaseDirectory;
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (d.EnumerateFiles("*.csproj").Any()) { dir = Path.Combine(d.FullName, "TestResults", "screenshots"); break; }
        }
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
