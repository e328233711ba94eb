using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>A template's start-up steps: files, setup command, background server, readiness probe.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class TemplateStartupTests(SandboxAppFixture app)
{
    [Fact]
    public async Task ServerTemplateIsReadyOnlyOnceItsPortAnswers()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new
        {
            template = "python-web",
            files = new[] { new { path = "index.html", content = "hello from the sandbox" }, new { path = "setup.sh", content = "echo setting up" } },
        });

        Assert.Equal(["creating_sandbox", "writing_files", "installing_dependencies", "starting_server", "waiting_for_ready", "exposing_port"],
            scenario.StartUp.Where(f => f.Type == "progress").Select(f => f.Text("step")));
        // The template exposes its port: the ready frame carries its preview URL.
        Assert.StartsWith("http://8000-", scenario.StartUp.Single(f => f.Type == "ready").Text("previewUrl"), StringComparison.Ordinal);
        var run = await scenario.RunToExitAsync(new
        {
            command = new[] { "python3", "-c", "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8000/index.html').read().decode())" },
        });
        Assert.Equal("hello from the sandbox\n", run.Stdout);
    }

    [Fact]
    public async Task FailingSetupSaysWhichStepFailedWithItsOutput()
    {
        var session = await app.Api.CreateSessionAsync(new
        {
            template = "python-web",
            files = new[] { new { path = "setup.sh", content = "echo fetching packages; echo 'no network here' >&2; exit 3" } },
        }, CancellationToken.None);
        await using var hub = await HubViewer.ConnectAsync(app.WebUrl, session.Token, CancellationToken.None);
        await hub.SubscribeAsync(session.Id, null, CancellationToken.None);

        var frames = await hub.ReadUntilAsync(f => f.Type is "ready" or "error", SessionScenario.ReadyTimeout);

        var error = frames[^1];
        Assert.Equal("error", error.Type);
        Assert.Equal("step-failed", error.Text("code"));
        Assert.StartsWith("installing_dependencies:", error.Text("message"));
        Assert.Contains("3", error.Text("message"));
        var output = string.Concat(frames.Where(f => f.Type == "stderr").Select(f => f.Text("data")));
        Assert.Contains("fetching packages", output);
        Assert.Contains("no network here", output);
        Assert.DoesNotContain(frames, f => f.Type == "progress" && f.Text("step") == "starting_server");
    }
}
