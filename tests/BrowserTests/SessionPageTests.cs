using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aspire.Sandbox.BrowserTests;

[Collection(SandboxAppCollection.Name)]
public sealed class SessionPageTests(SandboxAppFixture app, ITestOutputHelper output)
{
    private const string StreamingCommand = "for i in $(seq 1 20); do echo line $i; sleep 0.1; done";

    // Records, in the page, when each complete "line N" first shows up in the output panel's stdout text.
    private const string RecordLineArrivals = """
        () => {
          const out = document.querySelector('[data-testid="output"]');
          const seen = {};
          window.__lineSeen = seen;
          const scan = () => {
            const now = performance.now();
            let text = '';
            for (const s of out.querySelectorAll('.out-stdout')) text += s.textContent;
            for (const m of text.matchAll(/^line (\d+)\n/gm)) if (!(m[1] in seen)) seen[m[1]] = now;
          };
          new MutationObserver(scan).observe(out, { childList: true, subtree: true, characterData: true });
          scan();
        }
        """;

    [Fact]
    public async Task NewcomerSeesCommandOutputStreamLineByLine()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await page.GotoAsync(app.WebUrl.ToString());

            await page.GetByTestId("template-select").SelectOptionAsync("shell");
            await page.GetByTestId("start-session").ClickAsync();
            var started = Stopwatch.StartNew();

            // Ready, or an end state that makes waiting pointless: then fail with what the page says.
            await page.WaitForFunctionAsync(
                "() => ['ready', 'failed', 'ended', 'stopped'].includes(document.querySelector('[data-testid=\"session-status\"]').dataset.state)",
                null, new() { Timeout = 60_000, PollingInterval = 50 });
            var state = await page.GetByTestId("session-status").GetAttributeAsync("data-state");
            Assert.True(state == "ready", $"session {state}: {await PageSteps.ErrorTextAsync(page)}");
            await Expect(page.GetByTestId("command-input")).ToBeEnabledAsync();
            output.WriteLine($"session ready after {started.ElapsedMilliseconds} ms; steps: " +
                             string.Join(", ", await page.GetByTestId("progress-steps").Locator("li").AllInnerTextsAsync()).ReplaceLineEndings(" "));

            await page.EvaluateAsync(RecordLineArrivals);
            await page.GetByTestId("command-input").FillAsync(StreamingCommand);
            await page.GetByTestId("command-input").PressAsync("Enter");

            var exit = page.GetByTestId("output").GetByTestId("exit-code");
            await Expect(exit).ToBeVisibleAsync(new() { Timeout = 60_000 });

            var seen = (await page.EvaluateAsync<Dictionary<string, double>>("() => window.__lineSeen"))!
                .ToDictionary(kv => int.Parse(kv.Key), kv => kv.Value);
            double T(int line) => seen.TryGetValue(line, out var t) ? t : throw new Xunit.Sdk.XunitException(
                $"line {line} never appeared; seen: {string.Join(", ", seen.Keys.Order())}");
            var t0 = T(1);
            output.WriteLine("line first seen (ms after line 1): " +
                             string.Join(" ", seen.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value - t0:0}")));
            await LogFrameArrivalsAsync(page);

            Assert.Equal(Enumerable.Range(1, 20), seen.Keys.Order());
            // The output streamed: lines 5, 10 and 15 were on screen at three distinct moments, well before line 20.
            Assert.True(T(5) < T(10) && T(10) < T(15) && T(15) < T(20), "lines 5, 10, 15, 20 did not appear one after another");
            Assert.True(T(20) - T(15) >= 250, $"line 15 appeared only {T(20) - T(15):0} ms before line 20");
            Assert.True(T(20) - T(1) >= 1000, $"line 1 to line 20 took only {T(20) - T(1):0} ms: the output arrived in one piece");
            Assert.True(seen.Values.Where(t => t < T(20)).Distinct().Count() >= 3, "fewer than three intermediate states before the last line");

            await Expect(exit).ToHaveTextAsync("exit 0");
            await Expect(exit).ToHaveAttributeAsync("data-exit-code", "0");
            passed = true;
        }
        finally
        {
            var shot = await browser.ScreenshotAsync(nameof(NewcomerSeesCommandOutputStreamLineByLine) + (passed ? "" : "-failed"));
            output.WriteLine($"screenshot: {shot}");
        }
    }

    [Fact]
    public async Task ReloadedPageReplaysTheSessionAndKeepsWorking()
    {
        await using var browser = await app.OpenPageAsync(output);
        var page = browser.Page;
        var passed = false;
        try
        {
            await page.GotoAsync(app.WebUrl.ToString());
            await page.GetByTestId("start-session").ClickAsync();
            await Expect(page.GetByTestId("command-input")).ToBeEnabledAsync(new() { Timeout = 60_000 });
            await PageSteps.RunCommandAsync(page, "echo before reload; echo to stderr >&2; exit 3");
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 3", new() { Timeout = 60_000 });
            var sessionId = await page.EvaluateAsync<string>("() => window.__sandbox.sessionId");

            await page.ReloadAsync();

            // The same session, rebuilt from the replay: output, stderr styling, exit code, and a usable command box.
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync("exit 3", new() { Timeout = 60_000 });
            Assert.Equal(sessionId, await page.EvaluateAsync<string>("() => window.__sandbox.sessionId"));
            await Expect(page.Locator(".out-stdout")).ToHaveTextAsync("before reload\n");
            await Expect(page.Locator(".out-stderr")).ToHaveTextAsync("to stderr\n");
            await Expect(page.GetByTestId("command-input")).ToBeEnabledAsync(new() { Timeout = 60_000 });

            await PageSteps.RunCommandAsync(page, "echo after reload");
            await Expect(page.GetByTestId("exit-code")).ToHaveTextAsync(["exit 3", "exit 0"], new() { Timeout = 60_000 });
            await Expect(page.Locator(".out-stdout").Last).ToHaveTextAsync("after reload\n");
            passed = true;
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync(nameof(ReloadedPageReplaysTheSessionAndKeepsWorking) + (passed ? "" : "-failed")));
        }
    }

    private async Task LogFrameArrivalsAsync(IPage page)
    {
        var frames = await page.EvaluateAsync<JsonElement>(
            "() => window.__sandbox.frames.filter(f => f.type === 'stdout').map(f => [f.receivedAt, f.ts, f.data])");
        var list = frames.EnumerateArray().ToList();
        if (list.Count == 0) return;
        var first = list[0][0].GetDouble();
        output.WriteLine($"{list.Count} stdout frames; arrival (ms after first) / source-to-page latency (ms):");
        output.WriteLine(string.Join(" ", list.Select(f =>
            $"{f[0].GetDouble() - first:0}/{f[0].GetDouble() - f[1].GetDouble() / 1000:0.0}")));
    }
}
