using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// A session reopened by its address shows its newest history page first and older pages as the reader scrolls back,
/// then live frames: together exactly the frames a page that watched from the start received, in order, once each.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class SessionHistoryTests(SandboxAppFixture app, ITestOutputHelper output)
{
    private const int Lines = 100;
    private const int PageSize = 10;

    [Fact]
    public async Task ReopenedSessionPagesItsHistoryBackFromTheNewestWithNoGapOrDuplicateBeforeTheLiveFrames()
    {
        await using var watcher = await app.OpenPageAsync(output);
        var first = watcher.Page;
        // Each line its own frame: the output arrives a line at a time.
        await PageSteps.StartSandboxWithCommandBoxAsync(first, app.WebUrl, "shell", output);
        var id = await first.EvaluateAsync<string>("() => window.__sandbox.sessionId");
        await PageSteps.RunCommandAsync(first, $"for i in $(seq 1 {Lines}); do echo line $i; sleep 0.03; done");
        await Expect(first.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });

        await using var reader = await app.OpenPageAsync(output);
        var page = reader.Page;
        await page.AddInitScriptAsync($"window.__sandboxHistoryPageSize = {PageSize};");
        var stage = "newest page";
        try
        {
            await page.GotoAsync(new Uri(app.WebUrl, $"/s/{id}").ToString());
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("command-input")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            // Only the newest pages: enough to fill the panel, not the whole history.
            var history = await HistoryAsync(page);
            output.WriteLine($"opened with {history.Pages} page(s), older left: {history.HasOlder}");
            Assert.True(history.HasOlder, "the whole history was read at once");
            var text = await OutputTextAsync(page);
            Assert.Contains($"line {Lines}\n", text);
            Assert.DoesNotMatch(new Regex("^line 1$", RegexOptions.Multiline), text);
            await reader.ScreenshotAsync("History-newest-pages");

            stage = "live after the newest page";
            await PageSteps.RunCommandAsync(page, "echo live after paging");
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync(["exit 0", "exit 0"], new() { Timeout = 60_000 });

            stage = "scroll-back";
            var output_ = page.GetByTestId("output");
            for (var turn = 0; (history = await HistoryAsync(page)).HasOlder; turn++)
            {
                Assert.True(turn < 40, $"history still not complete after {turn} scroll-backs ({history.Pages} pages)");
                var before = history.Pages;
                await output_.HoverAsync();
                await page.Mouse.WheelAsync(0, -20_000);
                await page.WaitForFunctionAsync($"() => window.__sandbox.history().pages > {before} || !window.__sandbox.history().hasOlder",
                    null, new() { Timeout = 30_000, PollingInterval = 50 });
                // The reader keeps their place: a page read in front does not throw them to the end.
                var fromEnd = await output_.EvaluateAsync<double>("o => o.scrollHeight - o.scrollTop - o.clientHeight");
                Assert.True(fromEnd > 100, $"after page {history.Pages + 1} the panel is {fromEnd} px from its end: the reader lost their place");
            }
            output.WriteLine($"complete after {history.Pages} pages");
            await output_.EvaluateAsync("o => o.scrollTop = 0");
            await reader.ScreenshotAsync("History-scrolled-back");

            stage = "compare with the page that watched from the start";
            await Expect(first.GetByTestId("exit-code")).ToHaveTextAsync(["exit 0", "exit 0"], new() { Timeout = 60_000 });
            var watched = await FrameIdsAsync(first);
            var paged = await FrameIdsAsync(page);
            Assert.Equal(paged.Count, paged.Distinct().Count());
            Assert.Equal(watched, paged); // same frames, same order: nothing missing between the pages and the live frames
            var lines = Regex.Matches(await OutputTextAsync(page), "^(?:line \\d+|live after paging)$", RegexOptions.Multiline).Select(m => m.Value);
            Assert.Equal([.. Enumerable.Range(1, Lines).Select(i => $"line {i}"), "live after paging"], lines);
            stage = "done";
        }
        finally
        {
            if (stage != "done") output.WriteLine($"failed at {stage}: " + await reader.ScreenshotAsync("History-failed"));
        }
    }

    private sealed record History(int Pages, bool HasOlder);

    private static async Task<History> HistoryAsync(IPage page)
    {
        var h = await page.EvaluateAsync<JsonElement>("() => window.__sandbox.history()");
        return new History(h.GetProperty("pages").GetInt32(), h.GetProperty("hasOlder").GetBoolean());
    }

    private static async Task<List<string>> FrameIdsAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.__sandbox.frames.map(f => f.id)")).EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task<string> OutputTextAsync(IPage page) => string.Concat(await page.Locator(".out-stdout").AllTextContentsAsync());
}
