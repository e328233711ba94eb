using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Orchestration;

namespace Aspire.Hosting;

// What a test (or the dashboard) can ask a built application; none of it needs the resources started,
// except health and logs.
public sealed partial class DistributedApplication
{
    private const int FailureLogLines = 40;

    /// <summary>The URL of a resource's endpoint (replica 0), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = "http")
    {
        var resource = _orchestrator.Get(resourceName).Resource;
        var endpoint = resource.Endpoints.FirstOrDefault(e => e.Name == endpointName)
            ?? throw new ArgumentException($"'{resource.Name}' has no endpoint named '{endpointName}'.", nameof(endpointName));
        return endpoint.GetUrl();
    }

    public string GetConnectionString(string resourceName) =>
        _orchestrator.Get(resourceName).Resource is IResourceWithConnectionString resource
            ? resource.GetConnectionString()
            : throw new ArgumentException($"'{resourceName}' has no connection string.", nameof(resourceName));

    /// <summary>The variables the AppHost injects into a replica (on top of its own environment).</summary>
    public IReadOnlyDictionary<string, string> GetEnvironment(string resourceName, int replica = 0)
    {
        var runner = _orchestrator.Get(resourceName);
        var target = runner.Replicas[replica];
        return EnvironmentEvaluator.Evaluate(runner.Resource, target.Index, target.InstanceId, _settings);
    }

    /// <summary>Waits until every replica of the resource currently reports healthy.</summary>
    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var runner = _orchestrator.Get(resourceName);
        return _notifications.WaitAsync(() => runner.Replicas.All(r => r.Health == ResourceHealthStatus.Healthy), cancellationToken);
    }

    /// <summary>The resource's last console lines (all replicas), oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> GetLogs(string resourceName) => _orchestrator.Get(resourceName).Logs.Snapshot();

    public IReadOnlyList<ResourceSnapshot> GetResourceSnapshots() =>
        [.. _orchestrator.Replicas.Select(_notifications.Snapshot)];

    bool Dashboard.IDashboardData.TryGetLogs(string resourceName, long afterSequence, out IReadOnlyList<ResourceLogLine> lines)
    {
        var runner = _orchestrator.Runners.FirstOrDefault(r => string.Equals(r.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase));
        lines = runner?.Logs.Snapshot(afterSequence) ?? [];
        return runner is not null;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_settings.Options.StartTimeout is { } startTimeout)
        {
            timeout.CancelAfter(startTimeout);
        }

        // One at a time rather than WhenAll, so the first failure is reported at once.
        var pending = _orchestrator.Runners.ToDictionary(r => r.WhenHealthy);
        try
        {
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending.Keys).WaitAsync(timeout.Token).ConfigureAwait(false);
                if (done.IsFaulted)
                {
                    // Report the root cause, not the dependents that gave up because of it.
                    var failed = pending[done];
                    while (failed.FailedBecauseOf is { } cause)
                    {
                        failed = cause;
                    }

                    throw Failure(failed.WhenHealthy.Exception!.InnerException!.Message, [failed]);
                }

                pending.Remove(done);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(
                $"Not healthy within {_settings.Options.StartTimeout!.Value.TotalSeconds:0} s: {string.Join(", ", pending.Values.Select(r => r.Resource.Name))}.",
                pending.Values);
        }
    }

    private DistributedApplicationException Failure(string message, IEnumerable<ResourceRunner> culprits)
    {
        var text = new System.Text.StringBuilder(message);
        foreach (var runner in culprits)
        {
            var state = string.Join(", ", runner.Replicas.Select(r => $"{r.Name} {_notifications.Snapshot(r).State}"));
            text.AppendLine().Append($"--- {runner.Resource.Name} ({state}), last output:");
            foreach (var line in runner.Logs.Snapshot().TakeLast(FailureLogLines))
            {
                text.AppendLine().Append(line);
            }
        }

        return new DistributedApplicationException(text.ToString());
    }
}
