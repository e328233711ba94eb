using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// The dashboard's <c>sandboxes</c> resource on the whole app: a session appears as its child, follows the session's
/// states, and the child's Stop run and Delete session commands act through the Api.
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

        var session = await Bounded(ct => client.CreateSessionAsync(new { template = "shell" }, ct));
        var ready = await WaitForChildAsync(notifications, session.Id, e => e.Snapshot.State?.Text == "ready" && Property(e, "sandbox.containerId") is { Length: > 0 });
        Assert.Equal("Sandbox", ready.Snapshot.ResourceType);
        Assert.Equal("sandboxes", Property(ready, "resource.parentName"));
        Assert.Equal("shell", Property(ready, "sandbox.template"));
        Assert.False(string.IsNullOrEmpty(Property(ready, "sandbox.image")));
        Assert.NotNull(ready.Snapshot.CreationTimeStamp);
        var link = Assert.Single(ready.Snapshot.Urls);
        Assert.StartsWith(app.WebUrl.ToString(), link.Url, StringComparison.Ordinal);
        Assert.EndsWith($"/s/{session.Id}", link.Url, StringComparison.Ordinal);
        Assert.Equal(ResourceCommandState.Disabled, CommandState(ready, StopRun)); // nothing runs yet
        Assert.Equal(ResourceCommandState.Enabled, CommandState(ready, DeleteSession));
        var childId = ready.ResourceId;

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
