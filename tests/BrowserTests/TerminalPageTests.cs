using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>The terminal template: xterm.js on a PTY in the sandbox, typed into with the keyboard.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class TerminalPageTests(SandboxAppFixture app, ITestOutputHelper output)
{
    /// <summary>True once the last non-empty line of the terminal ends in a shell prompt ("$ ").</summary>
    private const string PromptShown = """
        () => {
          const lines = window.__sandbox.terminalText().split('\n').filter(l => l.trim() !== '');
          return lines.length > 0 && /[$#]\s*$/.test(lines[lines.length - 1]);
        }
        """;

    [Fact]
    public async Task TerminalEchoesWhatTheUserTypes()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await PageSteps.StartSandboxAsync(page, app.WebUrl, "terminal", output);

            // The page starts the login shell by itself and shows a terminal, not a command box.
            var terminal = page.GetByTestId("terminal");
            await Expect(terminal).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("command-form")).ToBeHiddenAsync();
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });

            // Typed with the keyboard into xterm.js, character by character, like a person.
            await terminal.Locator(".xterm").ClickAsync();
            await page.Keyboard.TypeAsync("echo hello-$((6*7))");
            await page.Keyboard.PressAsync("Enter");

            // The PTY echoed the keystrokes and bash expanded the arithmetic: only the output line says hello-42.
            await page.WaitForFunctionAsync(
                "() => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === 'hello-42')",
                null, new() { Timeout = 30_000, PollingInterval = 50 });
            var text = await TerminalTextAsync(page);
            output.WriteLine("terminal:\n" + text);
            Assert.Contains("echo hello-$((6*7))", text);

            // The PTY has the terminal's size (Resize from the page), so full-screen programs fit.
            var size = Regex.Match(await page.Locator(".term-size").InnerTextAsync(), @"^(\d+)×(\d+)$");
            Assert.True(size.Success, "the terminal shows no size");
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });
            await page.Keyboard.TypeAsync("stty size");
            await page.Keyboard.PressAsync("Enter");
            var expected = $"{size.Groups[2].Value} {size.Groups[1].Value}"; // rows cols
            await page.WaitForFunctionAsync(
                "expected => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === expected)",
                expected, new() { Timeout = 30_000, PollingInterval = 50 });
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(TerminalEchoesWhatTheUserTypes) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task ExitedShellShowsItsEndAndRestarts()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await PageSteps.StartSandboxAsync(page, app.WebUrl, "terminal", output);
            var terminal = page.GetByTestId("terminal");
            await Expect(terminal).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });

            await terminal.Locator(".xterm").ClickAsync();
            await page.Keyboard.TypeAsync("exit 7");
            await page.Keyboard.PressAsync("Enter");

            var exit = page.GetByTestId("terminal-exit");
            await Expect(exit).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(exit).ToContainTextAsync("exit 7");
            await Expect(terminal).ToHaveAttributeAsync("data-state", "exited");
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ExitedShellShowsItsEndAndRestarts) + "-exited"));

            await page.GetByTestId("restart-shell").ClickAsync();
            await Expect(terminal).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });
            await Expect(exit).ToBeHiddenAsync();
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });
            await page.Keyboard.TypeAsync("echo again-$((1+1))");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync(
                "() => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === 'again-2')",
                null, new() { Timeout = 30_000, PollingInterval = 50 });
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ExitedShellShowsItsEndAndRestarts) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task ReloadedTerminalReplaysAndKeepsTheSameShell()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await PageSteps.StartSandboxAsync(page, app.WebUrl, "terminal", output);
            var terminal = page.GetByTestId("terminal");
            await Expect(terminal).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });
            await terminal.Locator(".xterm").ClickAsync();
            await page.Keyboard.TypeAsync("KEPT=kept-$((2*3)); echo set-$KEPT");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync(
                "() => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === 'set-kept-6')",
                null, new() { Timeout = 30_000, PollingInterval = 50 });

            await page.ReloadAsync();

            // The screen comes back from the replay, and it is the same shell (its variable is still set), not a new one.
            await Expect(terminal).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync(
                "() => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === 'set-kept-6')",
                null, new() { Timeout = 30_000, PollingInterval = 50 });
            await page.WaitForFunctionAsync(PromptShown, null, new() { Timeout = 30_000, PollingInterval = 50 });
            await terminal.Locator(".xterm").ClickAsync();
            await page.Keyboard.TypeAsync("echo still-$KEPT");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync(
                "() => window.__sandbox.terminalText().split('\\n').some(l => l.trim() === 'still-kept-6')",
                null, new() { Timeout = 30_000, PollingInterval = 50 });
            var runs = await page.EvaluateAsync<int>("() => new Set(window.__sandbox.frames.filter(f => f.type === 'run-started').map(f => f.run)).size");
            Assert.Equal(1, runs);
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ReloadedTerminalReplaysAndKeepsTheSameShell) + (passed ? "" : "-failed")));
        }
    }

    private static Task<string> TerminalTextAsync(IPage page) => page.EvaluateAsync<string>("() => window.__sandbox.terminalText()");
}
