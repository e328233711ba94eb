using System.ComponentModel;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Work;

namespace Aspire.Sandbox.Api.Sessions;

// Request and response bodies of the sessions API (DESIGN §3.2), names exact. Unknown fields are refused.

public sealed record CreateSessionRequest(
    [property: Description("Template name, from GET /api/templates.")] string? Template,
    [property: Description("A label for people; at most 200 characters.")] string? Name,
    [property: Description("Files written to the workspace before the session is ready: at most 1000, 10 MiB of content in all; paths relative, no '..'.")]
    IReadOnlyList<WorkspaceFile>? Files,
    [property: Description("Environment variables of every run.")] IReadOnlyDictionary<string, string>? Env,
    [property: Description("Secrets given to every run as environment variables, masked as *** in frames; at most 64.")]
    IReadOnlyDictionary<string, string>? Secrets,
    [property: Description("Labels to find the session by (GET /api/sessions?label=key:value): at most 16; keys 1-63 of [A-Za-z0-9._/-], values 0-128 of [A-Za-z0-9._/:@+-].")]
    IReadOnlyDictionary<string, string>? Labels = null);

public sealed record CreateSessionResponse(
    string Id,
    string Template,
    string Status,
    [property: Description("Owner capability: run, input, stop, delete. Keep it secret.")] string Token,
    [property: Description("Read-only capability: watch the session and read its history.")] string ViewerToken);

public sealed record SessionSummary(
    string Id, string Template, string? Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>A page of <c>GET /api/sessions</c>: newest first.</summary>
public sealed record SessionList(
    IReadOnlyList<SessionSummary> Sessions,
    [property: Description("Pass as 'cursor' for the next page; null on the last one. A filtered page may be short, even empty, and still have a next one.")]
    string? Next);

public sealed record SessionDetails(
    string Id, string Template, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, IReadOnlyList<RunSummary> Runs,
    [property: Description("When the idle sandbox will sleep (container stopped, files kept) unless there is activity; null unless it is ready and idle.")]
    DateTimeOffset? SleepsAt,
    [property: Description("The sandbox's exposed ports and their preview URLs (open them with a session token, or by anyone when public).")]
    IReadOnlyList<Aspire.Sandbox.Contracts.Previews.PreviewInfo> Previews);

public sealed record RunSummary(string Id, string Status, int? ExitCode);

public sealed record CreateRunRequest(
    [property: Description("Text for the template's prompt command (shell: run by bash -lc); at most 256 KiB.")] string? Prompt,
    [property: Description("The argv to run instead of a prompt.")] IReadOnlyList<string>? Command,
    [property: Description("Environment variables of this run, over the session's.")] IReadOnlyDictionary<string, string>? Env,
    [property: Description("Secrets of this run, over the session's; at most 64 in all.")] IReadOnlyDictionary<string, string>? Secrets,
    [property: Description("Stop the run after this many seconds (1-86400); the template's default otherwise.")] int? TimeoutSeconds);

public sealed record CreateRunResponse(string RunId, string Status);

public sealed record InputRequest([property: Description("Text for the current run's stdin or PTY; at most 64 KiB.")] string? Data);

public sealed record FramePage(
    [property: Description("Frames in order (DESIGN §3.1).")] IReadOnlyList<RawFrame> Frames,
    [property: Description("Pass as 'after' to read the next page; null when there were no frames at all.")] string? Next,
    bool HasMore);
