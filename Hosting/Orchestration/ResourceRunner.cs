using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Runs every replica of one resource and tells its dependents when it has been healthy once
/// (<see cref="WhenHealthy"/>), or that it never will be.
/// </summary>
internal sealed class ResourceRunner
{
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ReplicaSupervisor> _supervisors = [];
    private IReadOnlyList<ResourceRunner> _dependencies = [];
    private Task _running = Task.CompletedTask;

    public ResourceRunner(Resource resource)
    {
        Resource = resource;
        Replicas = [.. Enumerable.Range(0, resource.Replicas).Select(i => new ResourceReplica(resource, i, ResourceReplica.NewInstanceId()))];
        // Nobody may be waiting when it fails (e.g. in run mode); don't let that surface as an unobserved exception.
        _healthy.Task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    public Resource Resource { get; }

    public IReadOnlyList<ResourceReplica> Replicas { get; }

    public ResourceLogBuffer Logs { get; } = new();

    /// <summary>Set when this resource never started because a resource it waits for failed.</summary>
    public ResourceRunner? FailedBecauseOf { get; private set; }

    /// <summary>Completes when every replica has been healthy once; faults if one failed to start.</summary>
    public Task WhenHealthy => _healthy.Task;

    public void Start(IReadOnlyList<ResourceRunner> dependencies, OrchestratorContext context)
    {
        _dependencies = dependencies;
        _supervisors.AddRange(Replicas.Select(replica => new ReplicaSupervisor(replica, this, context)));
        _running = Task.WhenAll(_supervisors.Select(s => Task.Run(() => s.RunAsync(_stopping.Token))));
    }

    /// <summary>Stops every replica gracefully and waits until their processes are gone.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }

    /// <summary>Second Ctrl+C: no more waiting.</summary>
    public void Kill()
    {
        foreach (var supervisor in _supervisors)
        {
            supervisor.Kill();
        }
    }

    internal async Task WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        foreach (var dependency in _dependencies)
        {
            try
            {
                await dependency.WhenHealthy.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                FailedBecauseOf = dependency;
                throw new DependencyFailedException($"'{dependency.Resource.Name}', which it waits for, failed to start.");
            }
        }
    }

    internal void ReplicaBecameHealthy()
    {
        if (Replicas.All(r => r.EverHealthy))
        {
            _healthy.TrySetResult();
        }
    }

    internal void ReplicaFailedToStart(ResourceReplica replica, string reason) =>
        _healthy.TrySetException(new DistributedApplicationException($"'{replica.Name}' failed to start: {reason}"));
}
