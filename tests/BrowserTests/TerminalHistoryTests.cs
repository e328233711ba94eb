using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// A terminal reopened after long output: the newest history fills the screen, scrolling back in the terminal reads
/// older pages, keystrokes still reach the same shell, and Stop ends it.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class TerminalHistoryTests(SandboxAppFixture app, ITestOutputHelper output)
{
    private const int Rows = 120;

    [Fact]
    public async Task ReopenedTerminalPagesBackThroughItsHistoryKeepsItsShellAndStops()
    {
        await using var first = await app.OpenPageAsync(output);
        var terminal = await TerminalPage.StartAsync(first.Page, app.WebUrl, output);
        // Many frames: a line at a time, more lines than the screen has.
        await terminal.ClickAndTypeAtPromptAsync($"for i in $(seq 1 {Rows}); do echo row-$i; sleep 0.01; done; echo rows-done");
        await terminal.WaitForLineAsync("rows-done");
        var id = await first.Page.EvaluateAsync<string>("() => window.__sandbox.sessionId");

        await using var reader = await app.OpenPageAsync(output);
        var page = reader.Page;
        await page.AddInitScriptAsync("window.__sandboxHistoryPageSize = 10;");
        var reopened = new TerminalPage(page);
        var stage = "newest pages";
        try
        {
            await page.GotoAsync(new Uri(app.WebUrl, $"/s/{id}").ToString());
            await reopened.ExpectRunningAsync();
            await reopened.WaitForLineAsync("rows-done");
            var text = await reopened.TextAsync();
            Assert.DoesNotContain("row-1\n", text + "\n"); // not the whole history at once
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sandbox.history().hasOlder"), "no older history left after opening");

            stage = "the same shell";
            await reopened.ClickAndTypeAtPromptAsync("echo still-$((2+3))");
            await reopened.WaitForLineAsync("still-5");

            stage = "scroll-back";
            var screen = reopened.Panel.Locator(".xterm");
            for (var turn = 0; await page.EvaluateAsync<bool>("() => window.__sandbox.history().hasOlder"); turn++)
            {
                Assert.True(turn < 200, "the terminal's history is still not complete");
                await screen.HoverAsync();
                await page.Mouse.WheelAsync(0, -5_000);
                await page.WaitForTimeoutAsync(100);
            }
            await reopened.WaitForLineAsync("row-1");
            text = await reopened.TextAsync();
            for (var i = 1; i <= Rows; i++)
                Assert.Single(text.Split('\n'), l => l.Trim() == $"row-{i}");
            await reader.ScreenshotAsync("Terminal-history-scrolled-back");

            stage = "stop";
            await page.GetByTestId("stop-run").ClickAsync();
            await Expect(page.GetByTestId("terminal-exit")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(reopened.Panel).ToHaveAttributeAsync("data-state", "exited");
            await Expect(page.GetByTestId("terminal-exit")).ToContainTextAsync("stopped");
            await reader.ScreenshotAsync("Terminal-stopped");
            stage = "done";
        }
        finally
        {
            if (stage != "done")
            {
                output.WriteLine($"failed at {stage}:\n" + await reopened.DescribeAsync());
                output.WriteLine("screenshot: " + await reader.ScreenshotAsync("Terminal-history-failed"));
            }
        }
    }
}
