using System.Net;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

[Collection(SandboxAppCollection.Name)]
public sealed class SessionExpiryTests(SandboxAppFixture app)
{
    private static readonly TimeSpan ExpiryWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExpiredSessionLosesItsSandboxAndRefusesRuns()
    {
        await using var scenario = await SessionScenario.StartAsync(app, new { template = TestTemplates.ShortLivedShell });

        var ended = await scenario.Hub.ReadUntilAsync(f => f.Type == "session-ended", ExpiryWithin);

        Assert.Equal("expired", ended[^1].Text("reason"));
        Assert.Null(await SandboxContainers.InspectSessionAsync(scenario.Session.Id));
        using var run = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/runs", scenario.Session.Token, new { prompt = "true" }, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Conflict, run.StatusCode);
    }
}
