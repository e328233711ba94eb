using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>The terminal template: xterm.js on a PTY in the sandbox, typed into with the keyboard.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class TerminalPageTests(SandboxAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task TerminalEchoesWhatTheUserTypes()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        TerminalPage? terminal = null;
        try
        {
            // The page starts the login shell by itself and shows a terminal, not a command box.
            terminal = await TerminalPage.StartAsync(page, app.WebUrl, output);
            await Expect(page.GetByTestId("command-form")).ToBeHiddenAsync();

            // Typed with the keyboard into xterm.js, character by character, like a person.
            await terminal.ClickAndTypeAtPromptAsync("echo hello-$((6*7))");

            // The PTY echoed the keystrokes and bash expanded the arithmetic: only the output line says hello-42.
            await terminal.WaitForLineAsync("hello-42");
            var text = await terminal.TextAsync();
            output.WriteLine("terminal:\n" + text);
            Assert.Contains("echo hello-$((6*7))", text);

            // The PTY has the terminal's size (Resize from the page), so full-screen programs fit.
            var size = Regex.Match(await page.Locator(".term-size").InnerTextAsync(), @"^(\d+)×(\d+)$");
            Assert.True(size.Success, "the terminal shows no size");
            await terminal.TypeAtPromptAsync("stty size");
            await terminal.WaitForLineAsync($"{size.Groups[2].Value} {size.Groups[1].Value}"); // rows cols
            passed = true;
        }
        finally
        {
            if (!passed && terminal is not null) output.WriteLine(await terminal.DescribeAsync());
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(TerminalEchoesWhatTheUserTypes) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task ExitedShellShowsItsEndAndRestarts()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        TerminalPage? terminal = null;
        try
        {
            terminal = await TerminalPage.StartAsync(page, app.WebUrl, output);
            await terminal.ClickAndTypeAtPromptAsync("exit 7");

            var exit = page.GetByTestId("terminal-exit");
            await Expect(exit).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(exit).ToContainTextAsync("exit 7");
            await Expect(terminal.Panel).ToHaveAttributeAsync("data-state", "exited");
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ExitedShellShowsItsEndAndRestarts) + "-exited"));

            // The restarted shell has the keyboard's focus without another click.
            await page.GetByTestId("restart-shell").ClickAsync();
            await terminal.ExpectRunningAsync();
            await Expect(exit).ToBeHiddenAsync();
            await terminal.TypeAtPromptAsync("echo again-$((1+1))");
            await terminal.WaitForLineAsync("again-2");
            passed = true;
        }
        finally
        {
            if (!passed && terminal is not null) output.WriteLine(await terminal.DescribeAsync());
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ExitedShellShowsItsEndAndRestarts) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task ReloadedTerminalReplaysAndKeepsTheSameShell()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        TerminalPage? terminal = null;
        try
        {
            terminal = await TerminalPage.StartAsync(page, app.WebUrl, output);
            await terminal.ClickAndTypeAtPromptAsync("KEPT=kept-$((2*3)); echo set-$KEPT");
            await terminal.WaitForLineAsync("set-kept-6");

            await page.ReloadAsync();

            // The screen comes back from the replay, and it is the same shell (its variable is still set), not a new one.
            await terminal.ExpectRunningAsync();
            await terminal.WaitForLineAsync("set-kept-6");
            await terminal.ClickAndTypeAtPromptAsync("echo still-$KEPT");
            await terminal.WaitForLineAsync("still-kept-6");
            var runs = await page.EvaluateAsync<int>("() => new Set(window.__sandbox.frames.filter(f => f.type === 'run-started').map(f => f.run)).size");
            Assert.Equal(1, runs);
            passed = true;
        }
        finally
        {
            if (!passed && terminal is not null) output.WriteLine(await terminal.DescribeAsync());
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ReloadedTerminalReplaysAndKeepsTheSameShell) + (passed ? "" : "-failed")));
        }
    }
}
