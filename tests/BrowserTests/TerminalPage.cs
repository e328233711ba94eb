using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>The terminal template's page as a person uses it: wait for the shell's prompt, type a line with the keyboard, read the screen.</summary>
internal sealed class TerminalPage(IPage page)
{
    /// <summary>True once the last non-empty line of the terminal ends in a shell prompt ("$ ").</summary>
    private const string PromptShown = """
        () => {
          const lines = window.__sandbox.terminalText().split('\n').filter(l => l.trim() !== '');
          return lines.length > 0 && /[$#]\s*$/.test(lines[lines.length - 1]);
        }
        """;

    private const string LineShown = "line => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === line)";

    private static readonly PageWaitForFunctionOptions ShellWait = new() { Timeout = 30_000, PollingInterval = 50 };

    /// <summary>The terminal panel; its data-state says whether the shell is running, exited or ended.</summary>
    public ILocator Panel { get; } = page.GetByTestId("terminal");

    /// <summary>Starts a sandbox of the terminal template and waits until the page has started its shell.</summary>
    public static async Task<TerminalPage> StartAsync(IPage page, Uri webUrl, ITestOutputHelper output)
    {
        await PageSteps.StartSandboxAsync(page, webUrl, "terminal", output);
        var terminal = new TerminalPage(page);
        await terminal.ExpectRunningAsync();
        return terminal;
    }

    /// <summary>Generous: a shell starts (or comes back from the replay) within a minute even on a loaded machine.</summary>
    public Task ExpectRunningAsync() =>
        Expect(Panel).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });

    /// <summary>Clicks into xterm.js first, for a page where the keyboard's focus is elsewhere (just started, reloaded).</summary>
    public async Task ClickAndTypeAtPromptAsync(string line)
    {
        await WaitForPromptAsync();
        await Panel.Locator(".xterm").ClickAsync();
        await TypeLineAsync(line);
    }

    /// <summary>Types where the focus already is, so the test also shows that the terminal kept (or took back) the focus.</summary>
    public async Task TypeAtPromptAsync(string line)
    {
        await WaitForPromptAsync();
        await TypeLineAsync(line);
    }

    /// <summary>Waits until a line of the screen, trimmed, is exactly <paramref name="line"/>: output, not the echo of the command typed.</summary>
    public Task WaitForLineAsync(string line) => page.WaitForFunctionAsync(LineShown, line, ShellWait);

    public Task<string> TextAsync() => page.EvaluateAsync<string>("() => window.__sandbox.terminalText()");

    /// <summary>
    /// For a failed test: the screen, where the keyboard's focus is, and the last frames the page received
    /// (type, run, age on arrival), so a lost keystroke, a stolen focus and a late frame can be told apart.
    /// </summary>
    public Task<string> DescribeAsync() => page.EvaluateAsync<string>("""
        () => {
          const active = document.activeElement;
          const focus = active ? `${active.tagName.toLowerCase()}.${active.className}` : 'none';
          const frames = window.__sandbox.frames.slice(-30).map(f =>
            `${f.type} run=${f.run ?? '-'} age=${Math.round(f.receivedAt - f.ts / 1000)}ms ${typeof f.data === 'string' ? JSON.stringify(f.data.slice(0, 60)) : ''}`);
          return `screen:\n${window.__sandbox.terminalText()}\nfocus: ${focus}\nlast frames:\n${frames.join('\n')}`;
        }
        """);

    private Task WaitForPromptAsync() => page.WaitForFunctionAsync(PromptShown, null, ShellWait);

    /// <summary>Character by character, like a person, then Enter.</summary>
    private async Task TypeLineAsync(string line)
    {
        await page.Keyboard.TypeAsync(line);
        await page.Keyboard.PressAsync("Enter");
    }
}
