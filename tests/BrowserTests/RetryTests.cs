using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>A start-up step that fails says which and why, and Retry starts a new session of the same template with the same files.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class RetryTests(SandboxAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task FailedStartUpStepOffersRetryWhichStartsANewSessionWithTheSameTemplateAndFiles()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var stage = "first start";
        try
        {
            await page.GotoAsync(app.WebUrl.ToString());
            await page.Locator("[data-testid=\"template-select\"] option[value=\"python-web\"]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("template-select").SelectOptionAsync("python-web");
            // python-web runs the workspace's setup.sh as its first start-up step: this one fails, every time it runs.
            await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload
            {
                Name = "setup.sh", MimeType = "text/x-sh", Buffer = "echo installing from setup.sh; echo no such package >&2; exit 3\n"u8.ToArray(),
            });
            await page.GetByTestId("start-session").ClickAsync();

            var first = await FailedStepAsync(page);
            Assert.Equal("python-web", await page.GetByTestId("session-template").TextContentAsync());
            await Expect(page.GetByTestId("progress-steps")).ToContainTextAsync("no such package");
            await browser.ScreenshotAsync("Retry-failed-step");

            stage = "retry";
            await page.GetByTestId("retry-session").ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex($"/s/{first}$"), new() { Timeout = 30_000 });
            // The same template and the same files: setup.sh is there again, so the same step fails the same way.
            var second = await FailedStepAsync(page);
            Assert.NotEqual(first, second);
            Assert.EndsWith($"/s/{second}", page.Url);
            Assert.Equal("python-web", await page.GetByTestId("session-template").TextContentAsync());
            await Expect(page.GetByTestId("progress-steps")).ToContainTextAsync("no such package");
            var list = page.GetByTestId("sessions-list");
            await Expect(list.Locator($"[data-session-id=\"{first}\"]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(list.Locator($"[data-session-id=\"{second}\"]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await browser.ScreenshotAsync("Retry-retried");
            stage = "done";
        }
        finally
        {
            if (stage != "done") output.WriteLine($"failed at {stage}: " + await browser.ScreenshotAsync("Retry-failed"));
        }
    }

    /// <summary>Waits until the session shown has failed at setup.sh's step, with Retry offered; returns its id.</summary>
    private static async Task<string> FailedStepAsync(IPage page)
    {
        var failedStep = page.GetByTestId("progress-steps").Locator("li[data-state=\"failed\"]");
        await Expect(failedStep).ToHaveAttributeAsync("data-step", "installing_dependencies", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("retry-session")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("command-input")).ToBeDisabledAsync();
        return await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");
    }
}
