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
