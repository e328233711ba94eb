using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>DESIGN §3.2 end to end, with the exact shapes and status codes a client program relies on.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class ContractFlowTests(SandboxAppFixture app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ApiTarget _api = new(app);

    [Fact]
    public async Task TemplatesListNameDescriptionAndKind()
    {
        var templates = await _api.Http.GetFromJsonAsync<JsonElement[]>("/api/templates");

        Assert.Contains(templates!, t => t.GetProperty("name").GetString() == "shell" && t.GetProperty("kind").GetString() == "shell");
        Assert.All(templates!, t => Assert.Equal(["name", "description", "kind"], t.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task CreatedSessionIsListedAndDescribedWithItsRuns()
    {
        using var created = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"shell","name":"contract flow"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetString()!;
        var token = session.GetProperty("token").GetString()!;
        try
        {
            Assert.Equal($"/api/sessions/{id}", created.Headers.Location?.OriginalString);
            Assert.StartsWith("ses_", id);
            Assert.Equal(["id", "template", "status", "token", "viewerToken"], session.EnumerateObject().Select(p => p.Name));
            Assert.Equal("starting", session.GetProperty("status").GetString());
            Assert.NotEqual(token, session.GetProperty("viewerToken").GetString());

            var listed = await ReadAsync(HttpMethod.Get, "/api/sessions", _api.ApiKey, HttpStatusCode.OK);
            Assert.Contains(listed.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("id").GetString() == id && s.GetProperty("name").GetString() == "contract flow");

            using var run = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/runs", token, """{"command":["sh","-c","exit 3"]}""");
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
            var queued = await run.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["runId", "status"], queued.EnumerateObject().Select(p => p.Name));
            Assert.Equal("queued", queued.GetProperty("status").GetString());
            var runId = queued.GetProperty("runId").GetString()!;

            var details = await PollAsync(id, token, d => d.GetProperty("runs")[0].GetProperty("status").GetString() is "exited");
            Assert.Equal(["id", "template", "status", "createdAt", "lastActivityAt", "runs", "sleepsAt", "previews"], details.EnumerateObject().Select(p => p.Name));
            var described = details.GetProperty("runs").EnumerateArray().Single();
            Assert.Equal(runId, described.GetProperty("id").GetString());
            Assert.Equal(3, described.GetProperty("exitCode").GetInt32());
        }
        finally
        {
            using (await _api.SendAsync(HttpMethod.Delete, $"/api/sessions/{id}", token)) { }
        }
    }

    [Fact]
    public async Task HistoryPagesHoldEveryFrameOnceInOrder()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var run = await scenario.RunToExitAsync(new { prompt = "for i in $(seq 1 12); do echo n$i; sleep 0.02; done" });
        var live = scenario.StartUp.Concat(run.All).Select(f => f.Id).ToList();

        var paged = new List<string>();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var query = after is null ? "?limit=3" : $"?limit=3&after={after}";
            var body = await ReadAsync(HttpMethod.Get, $"/api/sessions/{scenario.Session.Id}/frames{query}", scenario.Session.ViewerToken, HttpStatusCode.OK);
            var frames = body.GetProperty("frames").EnumerateArray().ToList();
            Assert.True(frames.Count <= 3);
            Assert.All(frames, f => Assert.Equal(scenario.Session.Id, f.GetProperty("session").GetString()));
            Assert.All(frames, f => Assert.True(f.GetProperty("ts").GetInt64() > 0));
            paged.AddRange(frames.Select(f => f.GetProperty("id").GetString()!));
            after = body.GetProperty("next").GetString();
            if (!body.GetProperty("hasMore").GetBoolean()) break;
        }

        Assert.Equal(live, paged.Take(live.Count));
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.True(paged.Zip(paged.Skip(1)).All(p => StreamId.Parse(p.First) < StreamId.Parse(p.Second)));
        var end = await ReadAsync(HttpMethod.Get, $"/api/sessions/{scenario.Session.Id}/frames?after={paged[^1]}", scenario.Session.Token, HttpStatusCode.OK);
        Assert.Empty(end.GetProperty("frames").EnumerateArray());
        Assert.Equal(paged[^1], end.GetProperty("next").GetString());
        Assert.False(end.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task InputStopAndDeleteFollowTheContract()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var (id, token) = (scenario.Session.Id, scenario.Session.Token);
        var run = await scenario.StartRunAsync(new { prompt = "echo waiting; read line; echo got:$line; sleep 300" });
        // Input goes to the process running now; a queued run has none yet (409).
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("waiting"), Timeout);
        await ReadAsync(HttpMethod.Post, $"/api/sessions/{id}/input", token, HttpStatusCode.Accepted, """{"data":"hello\n"}""");
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("got:hello"), Timeout);

        await ReadAsync(HttpMethod.Post, $"/api/sessions/{id}/runs/{run.RunId}/stop", token, HttpStatusCode.Accepted);
        Assert.Equal("stopped", (await scenario.ReadRunAsync(run.RunId)).Reason);
        using var stopAgain = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/runs/{run.RunId}/stop", token);
        await ProblemAssert.IsAsync(stopAgain, HttpStatusCode.Conflict, "run-not-running");
        using var noProcess = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/input", token, """{"data":"x"}""");
        await ProblemAssert.IsAsync(noProcess, HttpStatusCode.Conflict, "no-running-process");

        await ReadAsync(HttpMethod.Delete, $"/api/sessions/{id}", token, HttpStatusCode.Accepted);
        var ended = await scenario.Hub.ReadUntilAsync(f => f.Type == "session-ended", Timeout);
        Assert.Equal("deleted", ended[^1].Text("reason"));
        Assert.Equal("deleted", (await ReadAsync(HttpMethod.Get, $"/api/sessions/{id}", token, HttpStatusCode.OK)).GetProperty("status").GetString());
        using var runOnDeleted = await _api.SendAsync(HttpMethod.Post, $"/api/sessions/{id}/runs", token, """{"command":["true"]}""");
        await ProblemAssert.IsAsync(runOnDeleted, HttpStatusCode.Conflict, "session-not-runnable");
        await ReadAsync(HttpMethod.Delete, $"/api/sessions/{id}", token, HttpStatusCode.Accepted);
    }

    private async Task<JsonElement> ReadAsync(HttpMethod method, string path, string bearer, HttpStatusCode expected, string? body = null)
    {
        using var response = await _api.SendAsync(method, path, bearer, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PollAsync(string id, string token, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var details = await ReadAsync(HttpMethod.Get, $"/api/sessions/{id}", token, HttpStatusCode.OK);
            if (done(details) || DateTime.UtcNow > deadline) return details;
            await Task.Delay(200);
        }
    }
}
