namespace Aspire.Hosting.Orchestration;

/// <summary>How to start one attempt of a replica; <see cref="Cleanup"/> runs after the process has exited.</summary>
internal sealed record ProcessLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    Action? Cleanup = null);
