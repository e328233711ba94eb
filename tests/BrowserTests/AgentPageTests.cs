using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>Agent templates: the answer streams into one message, tool calls show as cards with their real output.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class AgentPageTests(SandboxAppFixture app, ITestOutputHelper output)
{
    // demo-agent (sandbox/agents/PROTOCOL.md) picks its tools from keywords: this prompt writes a file,
    // lists the workspace and runs a command, so every card's output comes from the real sandbox.
    private const string Prompt = "write \"hi from the browser\" to notes.txt, then list the files and run `wc -c notes.txt`";

    // Records, in the page, every length the answer's text has had and when, until the message says done.
    private const string RecordAnswerGrowth = """
        () => {
          const out = document.querySelector('[data-testid="output"]');
          const seen = [];
          window.__answerGrowth = seen;
          const scan = () => {
            const message = out.querySelector('[data-testid="agent-message"]');
            if (!message) return;
            let text = '';
            for (const s of message.querySelectorAll('.agent-text')) text += s.textContent;
            const done = message.dataset.state === 'done';
            const last = seen[seen.length - 1];
            if (!last || last.length !== text.length || last.done !== done)
              seen.push({ length: text.length, done, at: performance.now() });
          };
          new MutationObserver(scan).observe(out, { childList: true, subtree: true, characterData: true, attributes: true });
          scan();
        }
        """;

    private sealed class Growth
    {
        public int Length { get; set; }
        public bool Done { get; set; }
        public double At { get; set; }
    }

    [Fact]
    public async Task DemoAgentAnswerStreamsWithAToolCard()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            var input = await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "demo-agent", output);
            await Expect(page.GetByTestId("command-prompt")).ToHaveTextAsync("›");

            await page.EvaluateAsync(RecordAnswerGrowth);
            await input.FillAsync(Prompt);
            await input.PressAsync("Enter");

            var message = page.GetByTestId("agent-message");
            // Mid-answer: text streaming into the message, the first tool card in it.
            await Expect(page.GetByTestId("tool-card").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(DemoAgentAnswerStreamsWithAToolCard) + "-streaming"));
            await Expect(message).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 90_000 });
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 30_000 });

            // The answer grew word by word: many distinct lengths on screen, at distinct moments, before done.
            var growth = (await page.EvaluateAsync<Growth[]>("() => window.__answerGrowth"))!;
            var beforeDone = growth.Where(g => !g.Done && g.Length > 0).ToList();
            output.WriteLine($"answer lengths before done ({beforeDone.Count}): " + string.Join(" ", beforeDone.Select(g => g.Length)));
            Assert.True(beforeDone.Select(g => g.Length).Distinct().Count() >= 10, "the answer did not stream: fewer than 10 lengths seen before done");
            Assert.True(beforeDone.Zip(beforeDone.Skip(1)).All(p => p.Second.Length > p.First.Length), "the answer shrank while streaming");
            Assert.True(beforeDone[^1].At - beforeDone[0].At >= 500, "the whole answer appeared at once");

            // Shown once: the message is exactly done.text (backticks render as code), not the deltas plus done.text again.
            var doneText = await page.EvaluateAsync<string>("() => window.__sandbox.frames.find(f => f.type === 'done').text");
            var shown = await message.Locator(".agent-text").AllTextContentsAsync();
            Assert.Equal(doneText.Replace("`", ""), string.Concat(shown));

            // One card per tool, each completed with the real output of the sandbox.
            var cards = page.GetByTestId("tool-card");
            await Expect(cards).ToHaveCountAsync(3);
            await Expect(cards.GetByTestId("tool-name")).ToHaveTextAsync(["write_file", "list_files", "run_command"]);
            foreach (var card in await cards.AllAsync()) await Expect(card).ToHaveAttributeAsync("data-state", "ok");
            await Expect(cards.Nth(0).GetByTestId("tool-output")).ToHaveTextAsync("Wrote 19 bytes to notes.txt");
            await Expect(cards.Nth(1).GetByTestId("tool-output")).ToHaveTextAsync("notes.txt");
            await Expect(cards.Nth(2).GetByTestId("tool-output")).ToHaveTextAsync("19 notes.txt");
            await Expect(cards.Nth(2).Locator(".tool-input")).ToContainTextAsync("\"command\": \"wc -c notes.txt\"");

            // Collapsible: a click on its title folds the card.
            await cards.Nth(0).Locator("summary").ClickAsync();
            await Expect(cards.Nth(0).GetByTestId("tool-output")).ToBeHiddenAsync();
            await cards.Nth(0).Locator("summary").ClickAsync();

            await Expect(page.Locator(".agent-note")).ToContainTextAsync("agent session demo-");
            await LogToolTimesAsync(page);

            // A reload rebuilds the same run from the replay: prompt, answer once, cards, exit.
            await page.ReloadAsync();
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 0", new() { Timeout = 60_000 });
            await Expect(page.Locator(".run-command")).ToHaveTextAsync(Prompt);
            Assert.Equal(doneText.Replace("`", ""), string.Concat(await message.Locator(".agent-text").AllTextContentsAsync()));
            await Expect(cards.GetByTestId("tool-output")).ToHaveTextAsync(["Wrote 19 bytes to notes.txt", "notes.txt", "19 notes.txt"]);
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(DemoAgentAnswerStreamsWithAToolCard) + (passed ? "" : "-failed")));
        }
    }

    [Fact]
    public async Task FailingToolShowsAsAnErrorCard()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await PageSteps.StartSandboxWithCommandBoxAsync(page, app.WebUrl, "demo-agent", output);
            await PageSteps.RunCommandAsync(page, "run `cat missing.txt`");

            await Expect(page.GetByTestId("agent-message")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 90_000 });
            var card = page.GetByTestId("tool-card");
            await Expect(card).ToHaveAttributeAsync("data-state", "error");
            await Expect(card.GetByTestId("tool-output")).ToContainTextAsync("missing.txt: No such file or directory");
            await Expect(card.Locator(".tool-label").Last).ToHaveTextAsync("Error");
            await Expect(page.GetByTestId("agent-message")).ToContainTextAsync("It exited with code 1, so something went wrong.");
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(FailingToolShowsAsAnErrorCard) + (passed ? "" : "-failed")));
        }
    }

    private async Task LogToolTimesAsync(IPage page)
    {
        var frames = await page.EvaluateAsync<JsonElement>(
            "() => window.__sandbox.frames.filter(f => f.run).map(f => [f.type, f.receivedAt])");
        var list = frames.EnumerateArray().ToList();
        var first = list[0][1].GetDouble();
        output.WriteLine("frames (ms after the first): " + string.Join(" ", list
            .Where(f => f[0].GetString() != "text-delta")
            .Select(f => $"{f[0].GetString()}@{f[1].GetDouble() - first:0}")));
    }
}
