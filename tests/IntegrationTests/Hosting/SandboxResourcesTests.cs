using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// The dashboard's <c>sandboxes</c> resource on the whole app: a session appears as its child, follows the session's
/// states, and the child's Stop run and Delete session commands act through the Api; a session no worker drives is
/// shown as lost, or not at all when it was lost before the AppHost started.
/// </summary>
public class SandboxResourcesTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private const string StopRun = "sandbox-stop-run";
    private const string DeleteSession = "sandbox-delete-session";

    [Fact]
    public async Task ASessionIsAChildOfSandboxesWhoseCommandsStopItsRunAndDeleteIt()
    {
        await using var app = await SandboxApp.StartAsync([]);
        using var http = new HttpClient { BaseAddress = app.ApiUrl };
        var client = new SandboxApiClient(http, app.ApiKey);
        var notifications = app.App.ResourceNotifications;
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();

        // Two sessions whose record says ready but whose worker is gone (no lease): what a worker that died or stopped
        // without ending them leaves in a persisted Redis. The one from before this AppHost started is history, never
        // shown; the recent one is shown as lost and not counted live.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString);
        const string oldOrphan = "ses_orphanbeforestart0001", newOrphan = "ses_orphanwhilerunning001";
        await SeedOrphanAsync(redis.GetDatabase(), oldOrphan, DateTimeOffset.UtcNow.AddHours(-3));
        await SeedOrphanAsync(redis.GetDatabase(), newOrphan, DateTimeOffset.UtcNow);

        var session = await Bounded(ct => client.CreateSessionAsync(new { template = "shell" }, ct));
        var ready = await WaitForChildAsync(notifications, session.Id, e => e.Snapshot.State?.Text == "ready" && Property(e, "sandbox.containerId") is { Length: > 0 });
        Assert.Equal("Sandbox", ready.Snapshot.ResourceType);
        Assert.Equal("sandboxes", Property(ready, "resource.parentName"));
        Assert.Equal("shell", Property(ready, "sandbox.template"));
        Assert.False(string.IsNullOrEmpty(Property(ready, "sandbox.image")));
        Assert.Equal($"shell ({Property(ready, "sandbox.image")})", Property(ready, "resource.source"));
        Assert.Matches("^[0-9a-f]{32}$", Property(ready, "sandbox.traceId"));
        Assert.NotNull(ready.Snapshot.CreationTimeStamp);
        var link = Assert.Single(ready.Snapshot.Urls); // no dashboard in tests, so no trace link
        Assert.StartsWith(app.WebUrl.ToString(), link.Url, StringComparison.Ordinal);
        Assert.EndsWith($"/s/{session.Id}", link.Url, StringComparison.Ordinal);
        Assert.Equal(ResourceCommandState.Disabled, CommandState(ready, StopRun)); // nothing runs yet
        Assert.Equal(ResourceCommandState.Enabled, CommandState(ready, DeleteSession));
        var childId = ready.ResourceId;

        var lost = await WaitForChildAsync(notifications, newOrphan, e => e.Snapshot.State?.Text == "lost");
        Assert.Equal("ready", Property(lost, "sandbox.status"));
        Assert.Equal(ResourceCommandState.Disabled, CommandState(lost, StopRun));
        Assert.Equal(ResourceCommandState.Enabled, CommandState(lost, DeleteSession));
        Assert.False(notifications.TryGetCurrentState("sandbox-orphanbeforestart0001", out _), "a session lost before this AppHost started is shown");
        await Bounded(ct => notifications.WaitForResourceAsync("sandboxes",
            e => e.Snapshot.Properties.Any(p => p.Name == "sandboxes.live" && p.Value?.ToString() == "1"), ct));

        var run = await Bounded(ct => client.RunAsync(session, new { command = new[] { "sleep", "600" } }, ct));
        var running = await WaitForChildAsync(notifications, session.Id,
            e => e.Snapshot.State?.Text == "running" && Property(e, "sandbox.stoppableRun") == run.RunId);
        Assert.Equal(ResourceCommandState.Enabled, CommandState(running, StopRun));

        var stopped = await Bounded(ct => commands.ExecuteCommandAsync(childId, StopRun, ct));
        Assert.True(stopped.Success, stopped.Message);
        Assert.Equal(RunStates.Stopped, await WaitForRunEndAsync(client, session, run.RunId));
        var idle = await WaitForChildAsync(notifications, session.Id,
            e => e.Snapshot.State?.Text == "ready" && CommandState(e, StopRun) == ResourceCommandState.Disabled);
        Assert.Contains(run.RunId, Property(idle, "sandbox.lastRun"), StringComparison.Ordinal);

        var deleted = await Bounded(ct => commands.ExecuteCommandAsync(childId, DeleteSession, ct));
        Assert.True(deleted.Success, deleted.Message);
        var hidden = await WaitForChildAsync(notifications, session.Id, e => e.Snapshot.IsHidden);
        Assert.Equal(childId, hidden.ResourceId);
        using var gone = await client.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}", session.Token, null, CancellationToken.None);
        Assert.Equal("deleted", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public void TheTraceLinkOpensTheSessionsTraceInTheDashboardWhenOneRuns()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:18888;https://127.0.0.1:18887",
        }).Build();
        var dashboard = SandboxLinks.DashboardUrl(configuration, dashboardDisabled: false);
        Assert.Equal(new Uri("http://127.0.0.1:18888/traces/detail/4bf92f3577b34da6a3ce929d0e0e4736"),
            SandboxLinks.TraceLink(dashboard, "4bf92f3577b34da6a3ce929d0e0e4736"));
        Assert.Null(SandboxLinks.DashboardUrl(configuration, dashboardDisabled: true));
        Assert.Null(SandboxLinks.TraceLink(dashboard, null)); // a session made before traces were recorded
    }

    /// <summary>A session record as the Api and a worker leave it, driven by <c>gone-worker</c>, which holds no lease.</summary>
    private static async Task SeedOrphanAsync(IDatabase db, string sessionId, DateTimeOffset lastActivity)
    {
        var ms = lastActivity.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await db.HashSetAsync(RedisKeys.Session(sessionId),
            [new("id", sessionId), new("template", "shell"), new("status", "ready"), new("createdAt", ms), new("lastActivityAt", ms)]);
        await db.StringSetAsync(RedisKeys.SessionWorker(sessionId), "gone-worker");
    }

    /// <summary>The first update (the current one included) of the child for <paramref name="sessionId"/> that matches.</summary>
    private static async Task<ResourceEvent> WaitForChildAsync(ResourceNotificationService notifications, string sessionId, Func<ResourceEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        ResourceEvent? last = null;
        try
        {
            await foreach (var e in notifications.WatchAsync(timeout.Token))
            {
                if (e.Snapshot.ResourceType != "Sandbox" || Property(e, "sandbox.session") != sessionId) continue;
                last = e;
                if (match(e)) return e;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"No matching update of the sandbox of {sessionId} within {StepTimeout}; last: " +
            (last is null ? "none" : $"{last.Snapshot.State?.Text} [{string.Join(", ", last.Snapshot.Properties.Select(p => $"{p.Name}={p.Value}"))}]"));
    }

    private static async Task<string?> WaitForRunEndAsync(SandboxApiClient client, SandboxApiClient.CreatedSession session, string runId)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        string? status = null;
        while (!timeout.IsCancellationRequested)
        {
            using var response = await client.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}", session.Token, null, timeout.Token);
            var details = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            status = details.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetString() == runId).GetProperty("status").GetString();
            if (status is not (RunStates.Queued or RunStates.Running)) return status;
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
        throw new TimeoutException($"Run {runId} still {status} after {StepTimeout}.");
    }

    private static async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> action)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        return await action(timeout.Token);
    }

    private static string? Property(ResourceEvent e, string name) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    private static ResourceCommandState? CommandState(ResourceEvent e, string name) =>
        e.Snapshot.Commands.FirstOrDefault(c => c.Name == name)?.State;
}
