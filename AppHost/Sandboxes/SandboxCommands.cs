using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The commands of a sandbox child. They are annotations on its own resource object: Aspire looks commands up on
/// the resource a resource id was published with, builds the snapshot's command list from them on every update and
/// asks <c>UpdateState</c> whether each is enabled, so a child made at run time gets them like any resource.
/// </summary>
internal static class SandboxCommands
{
    public const string StopRun = "sandbox-stop-run";
    public const string DeleteSession = "sandbox-delete-session";

    public static SandboxResource Create(string sessionId, SandboxApi api)
    {
        var resource = new SandboxResource(SandboxResource.NameFor(sessionId), sessionId);
        resource.Annotations.Add(new ResourceCommandAnnotation(
            name: StopRun,
            displayName: "Stop run",
            updateState: context => StoppableRun(context.ResourceSnapshot) is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            executeCommand: context =>
            {
                // The run is read when the command runs, not when it was offered: the one running now is the one to stop.
                var runId = StoppableRunNow(context, resource);
                return runId is null
                    ? Task.FromResult(CommandResults.Failure("Nothing runs in this sandbox."))
                    : api.StopRunAsync(sessionId, runId, context.CancellationToken);
            },
            displayDescription: "Stops the command running in this sandbox (through the Api, as its owner).",
            parameter: null,
            confirmationMessage: null,
            iconName: "Stop",
            iconVariant: IconVariant.Regular,
            isHighlighted: true));
        resource.Annotations.Add(new ResourceCommandAnnotation(
            name: DeleteSession,
            displayName: "Delete session",
            updateState: context => context.ResourceSnapshot.IsHidden ? ResourceCommandState.Hidden : ResourceCommandState.Enabled,
            executeCommand: context => api.DeleteSessionAsync(sessionId, context.CancellationToken),
            displayDescription: "Deletes the session and removes its sandbox container (through the Api, as its owner).",
            parameter: null,
            confirmationMessage: $"Delete session {sessionId}? Its sandbox is removed and whatever runs in it ends.",
            iconName: "Delete",
            iconVariant: IconVariant.Regular,
            isHighlighted: false));
        return resource;
    }

    private static string? StoppableRun(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == SandboxSnapshots.StoppableRunProperty)?.Value is string { Length: > 0 } run ? run : null;

    private static string? StoppableRunNow(ExecuteCommandContext context, SandboxResource resource) =>
        context.Services.GetRequiredService<ResourceNotificationService>().TryGetCurrentState(resource.Name, out var current)
            ? StoppableRun(current.Snapshot)
            : null;
}
