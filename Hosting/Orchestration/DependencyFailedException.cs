namespace Aspire.Hosting.Orchestration;

/// <summary>A resource this one waits for failed to start, so this one never will.</summary>
internal sealed class DependencyFailedException(string message) : Exception(message);
