using Aspire.Sandbox.Contracts.Work;

namespace Aspire.Sandbox.Api.Sessions;

// Request and response bodies of the sessions API (DESIGN §3.2), names exact.

public sealed record CreateSessionRequest(
    string? Template,
    string? Name,
    IReadOnlyList<WorkspaceFile>? Files,
    IReadOnlyDictionary<string, string>? Env,
    IReadOnlyDictionary<string, string>? Secrets);

public sealed record CreateSessionResponse(string Id, string Template, string Status, string Token, string ViewerToken);

public sealed record SessionSummary(string Id, string Template, string? Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

public sealed record SessionDetails(
    string Id, string Template, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, IReadOnlyList<RunSummary> Runs);

public sealed record RunSummary(string Id, string Status, int? ExitCode);

public sealed record CreateRunRequest(
    string? Prompt,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string>? Env,
    IReadOnlyDictionary<string, string>? Secrets,
    int? TimeoutSeconds);

public sealed record CreateRunResponse(string RunId, string Status);

public sealed record InputRequest(string? Data);

public sealed record FramePage(IReadOnlyList<Aspire.Sandbox.Contracts.Frames.RawFrame> Frames, string? Next, bool HasMore);
