namespace Aspire.Sandbox.Contracts.Work;

// Payloads of work items, as JSON in WorkItem.Body. Secrets travel sealed (SecretSealer), never in clear.

public sealed record WorkspaceFile(string Path, string Content);

public sealed record CreateSessionWork(
    string Template,
    IReadOnlyList<WorkspaceFile> Files,
    IReadOnlyDictionary<string, string> Env);

public sealed record RunWork(
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Env,
    string? SealedSecrets,
    int? TimeoutSeconds,
    bool ContinuesConversation = false);
