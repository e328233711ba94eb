namespace Aspire.Sandbox.Contracts.Sessions;

public sealed record SessionRecord(
    string Id,
    string Template,
    string? Name,
    string Status,
    string OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    string? CurrentRun = null,
    string? AgentSessionId = null,
    IReadOnlyDictionary<string, string>? Labels = null);

public sealed record RunRecord(string Id, string SessionId, string Status, int? ExitCode, bool StopRequested = false);
