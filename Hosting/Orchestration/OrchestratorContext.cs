namespace Aspire.Hosting.Orchestration;

/// <summary>What every supervisor shares.</summary>
internal sealed record OrchestratorContext(AppHostSettings Settings, ResourceNotifications Notifications, ConsoleReporter? Console);
