namespace Aspire.Hosting.Orchestration;

/// <summary>
/// The one place replica state changes: updates are serialized, published to listeners (console,
/// dashboard) and wake anyone waiting for a condition (WaitForResourceHealthyAsync, start-up).
/// </summary>
internal sealed class ResourceNotifications
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised after each change, outside the lock, with the replica's new snapshot and the previous one.</summary>
    public event Action<ResourceSnapshot, ResourceSnapshot>? Changed;

    public void Update(ResourceReplica replica, Action<ResourceReplica> change)
    {
        ResourceSnapshot before, after;
        TaskCompletionSource changed;
        lock (_gate)
        {
            before = replica.ToSnapshot();
            change(replica);
            after = replica.ToSnapshot();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Urls never change after Build(); comparing the lists would compare references.
        if (before with { Urls = after.Urls } != after)
        {
            Changed?.Invoke(after, before);
        }

        changed.TrySetResult();
    }

    public ResourceSnapshot Snapshot(ResourceReplica replica)
    {
        lock (_gate)
        {
            return replica.ToSnapshot();
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds; re-checked after every change.</summary>
    public async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                next = _changed.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
