namespace Aspire.Hosting.Orchestration;

/// <summary>What every supervisor shares. <see cref="ShuttingDown"/> is cancelled as soon as the application starts
/// stopping: from then on an exit is expected, never a reason to restart.</summary>
internal sealed record OrchestratorContext(
    AppHostSettings Settings, ResourceNotifications Notifications, ConsoleReporter? Console, CancellationToken ShuttingDown,
    DataDirectories DataDirectories);
