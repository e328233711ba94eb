using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>Coming back to a session: its own address, the list of sessions, delete; history complete and never doubled.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class SessionsListTests(SandboxAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task SessionIsListedReopensByItsAddressWithItsWholeHistoryOnceAndCanBeDeleted()
    {
        await using var first = await app.OpenPageAsync(output);
        var page = first.Page;
        var stage = "start";
        try
        {
            await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "shell", output);
            var id = await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");
            Assert.EndsWith($"/s/{id}", page.Url);
            Assert.DoesNotContain("v1.", page.Url); // no token in the address

            await PageSteps.RunCommandAsync(page, "for i in 1 2 3; do echo history $i; done");
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("sessions-list").Locator($"[data-session-id=\"{id}\"]")).ToBeVisibleAsync();

            stage = "reload";
            await page.ReloadAsync();
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("command-input")).ToBeEnabledAsync(new() { Timeout = 60_000 });
            // Live after the replay, on the same connection: the next run shows once, after the old one.
            await PageSteps.RunCommandAsync(page, "echo after reload");
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync(["exit 0", "exit 0"], new() { Timeout = 60_000 });
            await AssertHistoryOnceAsync(page, ["history 1", "history 2", "history 3", "after reload"]);
            await first.ScreenshotAsync("SessionsList-reloaded");

            stage = "new browser, from the list";
            await using var second = await app.OpenPageAsync(output);
            var other = second.Page;
            await other.GotoAsync(app.WebUrl.ToString());
            var item = other.GetByTestId("sessions-list").Locator($"[data-session-id=\"{id}\"]");
            await Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(item).ToContainTextAsync("shell");
            await second.ScreenshotAsync("SessionsList-list");
            await item.GetByTestId("open-session").ClickAsync();
            await Expect(other).ToHaveURLAsync(new Regex($"/s/{id}$"));
            await Expect(other.GetByTestId("exit-code")).ToHaveTextAsync(["exit 0", "exit 0"], new() { Timeout = 60_000 });
            await AssertHistoryOnceAsync(other, ["history 1", "history 2", "history 3", "after reload"]);

            stage = "delete";
            other.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
            await item.GetByTestId("delete-session-item").ClickAsync();
            // The stream closes with session-ended on both pages; the list shows it deleted.
            await Expect(other.GetByTestId("session-status")).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("session-status")).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = 60_000 });
            await Expect(other.GetByTestId("sessions-list").Locator($"[data-session-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "deleted", new() { Timeout = 30_000 });
            await second.ScreenshotAsync("SessionsList-deleted");
            stage = "done";
        }
        finally
        {
            if (stage != "done") output.WriteLine($"failed at {stage}: " + await first.ScreenshotAsync("SessionsList-failed"));
        }
    }

    [Fact]
    public async Task AnUnknownSessionAddressSaysSoAndStartsNothing()
    {
        await using var browser = await app.OpenPageAsync(output);
        await browser.Page.GotoAsync(new Uri(app.WebUrl, "/s/ses_doesnotexist0000000").ToString());
        await Expect(browser.Page.GetByTestId("error")).ToContainTextAsync("Could not open this session", new() { Timeout = 30_000 });
        Assert.Null(await browser.Page.EvaluateAsync<string?>("() => window.__sandbox.sessionId"));
    }

    /// <summary>Every frame id once and in order, and each expected line exactly once in the output.</summary>
    internal static async Task AssertHistoryOnceAsync(IPage page, string[] lines)
    {
        var ids = (await page.EvaluateAsync<JsonElement>("() => window.__sandbox.frames.map(f => f.id)")).EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var text = string.Concat(await page.Locator(".out-stdout").AllTextContentsAsync());
        foreach (var line in lines) Assert.Single(Regex.Matches(text, "^" + Regex.Escape(line) + "$", RegexOptions.Multiline));
    }
}
