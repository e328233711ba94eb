using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>Stop on a running command and an agent answer; files given at creation.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class SessionControlTests(SandboxAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task StoppedAgentAnswerKeepsItsTextAndIsMarkedStopped()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            var input = await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "demo-agent", output);
            // The tool keeps the run busy long enough to stop it mid-answer.
            await input.FillAsync("run `sleep 60`");
            await input.PressAsync("Enter");
            var message = page.GetByTestId("agent-message");
            await Expect(page.GetByTestId("tool-card")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var said = await message.Locator(".agent-text").First.TextContentAsync();
            Assert.False(string.IsNullOrWhiteSpace(said), "no text streamed before the tool");

            await page.GetByTestId("stop-run").ClickAsync();

            await Expect(page.GetByTestId("agent-stopped")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(message).ToHaveAttributeAsync("data-state", "stopped");
            Assert.StartsWith(said!, await message.Locator(".agent-text").First.TextContentAsync());
            await Expect(page.GetByTestId("stop-run")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("output").Locator(".run-exit")).ToContainTextAsync("stopped");
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(StoppedAgentAnswerKeepsItsTextAndIsMarkedStopped) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task RunningCommandStopsFromItsButton()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "shell", output);
        await PageSteps.RunCommandAsync(page, "echo started; sleep 60");
        await Expect(page.Locator(".out-stdout").First).ToHaveTextAsync("started\n", new() { Timeout = 60_000 });

        await page.GetByTestId("stop-run").ClickAsync();

        await Expect(page.GetByTestId("output").Locator(".run-exit")).ToContainTextAsync("stopped", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("stop-run")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FilesPickedInTheBrowserAreInTheNewSandbox()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        await page.GotoAsync(app.WebUrl.ToString());
        await page.GetByTestId("file-input").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "hello.txt", MimeType = "text/plain", Buffer = "picked in the browser\n"u8.ToArray() },
            new FilePayload { Name = "bad:name.txt", MimeType = "text/plain", Buffer = "x"u8.ToArray() },
        });
        // The page applies the Api's path rules itself and says which file it left out.
        await Expect(page.GetByTestId("error")).ToContainTextAsync("bad:name.txt");
        await Expect(page.GetByTestId("file-list").Locator("li")).ToHaveCountAsync(1);

        await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "shell", output, navigate: false);
        await PageSteps.RunCommandAsync(page, "cat hello.txt");
        await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
        await Expect(page.Locator(".out-stdout")).ToHaveTextAsync("picked in the browser\n");
        await Expect(page.GetByTestId("file-list").Locator("li")).ToHaveCountAsync(0); // used once
    }
}
