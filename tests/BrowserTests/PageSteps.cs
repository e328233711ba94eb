using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>What a person does on the page again and again: pick a template, start it, wait until it is ready.</summary>
internal static class PageSteps
{
    /// <summary>Opens the app, starts a sandbox of <paramref name="template"/> and waits until it is ready (failing with what the page says).</summary>
    public static async Task StartSandboxAsync(IPage page, Uri webUrl, string template, ITestOutputHelper output, bool navigate = true)
    {
        if (navigate) await page.GotoAsync(webUrl.ToString());
        // The options come from GET /app/templates; wait for the one we want before choosing it.
        await page.Locator($"[data-testid=\"template-select\"] option[value=\"{template}\"]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("template-select").SelectOptionAsync(template);
        await page.GetByTestId("start-session").ClickAsync();
        var started = DateTime.UtcNow;

        // Ready, or an end state that makes waiting pointless: then fail with what the page says.
        await page.WaitForFunctionAsync(
            "() => ['ready', 'running', 'failed', 'ended', 'stopped'].includes(document.querySelector('[data-testid=\"session-status\"]').dataset.state)",
            null, new() { Timeout = 60_000, PollingInterval = 50 });
        var state = await page.GetByTestId("session-status").GetAttributeAsync("data-state");
        Assert.True(state is "ready" or "running", $"session {state}: {await ErrorTextAsync(page)}");
        output.WriteLine($"{template} session {state} after {(DateTime.UtcNow - started).TotalMilliseconds:0} ms");
    }

    /// <summary>Starts a sandbox of <paramref name="template"/> like <see cref="StartSandboxAsync"/> and waits until its command box takes input; returns the box.</summary>
    public static async Task<ILocator> StartSandboxWithCommandBoxAsync(IPage page, Uri webUrl, string template, ITestOutputHelper output, bool navigate = true)
    {
        await StartSandboxAsync(page, webUrl, template, output, navigate);
        var input = page.GetByTestId("command-input");
        await Expect(input).ToBeEnabledAsync(new() { Timeout = 60_000 });
        return input;
    }

    /// <summary>Types <paramref name="command"/> into the command box and starts it with the button (not Enter).</summary>
    public static async Task RunCommandAsync(IPage page, string command)
    {
        await page.GetByTestId("command-input").FillAsync(command);
        await page.GetByTestId("run-command").ClickAsync();
    }

    public static async Task<string> ErrorTextAsync(IPage page)
    {
        var error = page.GetByTestId("error");
        return await error.IsVisibleAsync() ? (await error.InnerTextAsync()).ReplaceLineEndings(" ") : "(no error shown)";
    }
}
