using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

[Collection(SandboxAppCollection.Name)]
public sealed class IdleSleepTests(SandboxAppFixture app)
{
    private static readonly TimeSpan SleepWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task IdleSandboxSleepsKeepingItsFilesAndTheNextRunWakesIt()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new { template = TestTemplates.SleepyShell });
        await scenario.RunToExitAsync(new { prompt = "echo kept > note.txt" });
        using (var details = await app.Api.SendAsync(HttpMethod.Get, $"/api/sessions/{scenario.Session.Id}", scenario.Session.Token, null, CancellationToken.None))
        {
            // The time left before sleep is part of the session's status while it is ready.
            var session = System.Text.Json.JsonDocument.Parse(await details.Content.ReadAsStringAsync()).RootElement;
            if (session.GetProperty("status").GetString() == "ready")
                Assert.Equal(TimeSpan.FromSeconds(2), session.GetProperty("sleepsAt").GetDateTimeOffset() - session.GetProperty("lastActivityAt").GetDateTimeOffset());
            else
                Assert.Equal(System.Text.Json.JsonValueKind.Null, session.GetProperty("sleepsAt").ValueKind);
        }

        await scenario.Hub.ReadUntilAsync(f => f.Type == "status" && f.Text("state") == "sleeping", SleepWithin);
        var asleep = await SandboxContainers.InspectSessionAsync(scenario.Session.Id);
        Assert.False(asleep!.State!.Running);

        var run = await scenario.RunToExitAsync(new { prompt = "cat note.txt" });
        Assert.Equal("kept\n", run.Stdout);
        Assert.Contains(run.All, f => f.Type == "status" && f.Text("state") == "running");
        var awake = await SandboxContainers.InspectSessionAsync(scenario.Session.Id);
        Assert.True(awake!.State!.Running);
    }
}
