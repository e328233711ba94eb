using System.Security.Claims;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Api.Sessions;

public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions").WithTags("Sessions");

        api.MapPost("/", CreateSession).RequireAuthorization(AuthorizationPolicies.ApiKey);
        api.MapGet("/", ListSessions).RequireAuthorization(AuthorizationPolicies.ApiKey);
        api.MapGet("/{id}", GetSession).RequireAuthorization(AuthorizationPolicies.SessionToken);
        api.MapDelete("/{id}", DeleteSession).RequireAuthorization(AuthorizationPolicies.SessionToken);
        api.MapPost("/{id}/runs", CreateRun).RequireAuthorization(AuthorizationPolicies.SessionToken);
        api.MapPost("/{id}/runs/{runId}/stop", StopRun).RequireAuthorization(AuthorizationPolicies.SessionToken);
        api.MapPost("/{id}/input", SendInput).RequireAuthorization(AuthorizationPolicies.SessionToken);
        api.MapGet("/{id}/frames", GetFrames).RequireAuthorization(AuthorizationPolicies.SessionToken);

        return api;
    }

    public static async Task<Results<Created<CreateSessionResponse>, ValidationProblem>> CreateSession(
        CreateSessionRequest request, ClaimsPrincipal user, TemplateCatalog templates,
        SessionStore sessions, WorkQueue work, SessionTokenService tokens)
    {
        var errors = RequestValidation.Validate(request, templates);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = Ids.NewSessionId();
        var owner = user.FindFirst(ApiKeyAuthenticationHandler.OwnerClaim)!.Value;
        var session = await sessions.CreateAsync(id, request.Template!, request.Name, owner);
        await work.EnqueueAsync(new WorkItem(WorkKinds.CreateSession, id, null,
            WorkQueue.Body(new CreateSessionWork(request.Template!, request.Files ?? [], request.Env ?? new Dictionary<string, string>()))));

        return TypedResults.Created($"/api/sessions/{id}", new CreateSessionResponse(
            id, session.Template, session.Status, tokens.Issue(id, SessionRole.Owner), tokens.Issue(id, SessionRole.Viewer)));
    }

    public static async Task<Ok<SessionSummary[]>> ListSessions(ClaimsPrincipal user, SessionStore sessions)
    {
        var owner = user.FindFirst(ApiKeyAuthenticationHandler.OwnerClaim)!.Value;
        var list = new List<SessionSummary>();
        foreach (var id in await sessions.ListIdsAsync(owner))
            if (await sessions.GetAsync(id) is { } s)
                list.Add(new SessionSummary(s.Id, s.Template, s.Name, s.Status, s.CreatedAt, s.LastActivityAt));
        return TypedResults.Ok(list.OrderBy(s => s.CreatedAt).ToArray());
    }

    public static async Task<Results<Ok<SessionDetails>, NotFound>> GetSession(string id, ClaimsPrincipal user, SessionStore sessions)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } s) return TypedResults.NotFound();
        var runs = await sessions.GetRunsAsync(id);
        return TypedResults.Ok(new SessionDetails(s.Id, s.Template, s.Status, s.CreatedAt, s.LastActivityAt,
            runs.Select(r => new RunSummary(r.Id, r.Status, r.ExitCode)).ToArray()));
    }

    public static async Task<Results<Accepted, NotFound, ForbidHttpResult, Conflict<string>>> DeleteSession(
        string id, ClaimsPrincipal user, SessionStore sessions, WorkQueue work)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } s) return TypedResults.NotFound();
        if (!user.CanControl(id)) return TypedResults.Forbid();
        if (s.Status == SessionStates.Deleted) return TypedResults.Accepted((string?)null);
        await sessions.SetStatusAsync(id, SessionStates.Deleted);
        await work.EnqueueAsync(new WorkItem(WorkKinds.DeleteSession, id, null, "{}"));
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted<CreateRunResponse>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> CreateRun(
        string id, CreateRunRequest request, ClaimsPrincipal user, SessionStore sessions, WorkQueue work, TemplateCatalog templates, IServiceProvider services)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } session) return TypedResults.NotFound();
        if (!user.CanControl(id)) return TypedResults.Forbid();
        if (session.Status is SessionStates.Deleted or SessionStates.Failed)
            return TypedResults.Problem($"The session is {session.Status}.", statusCode: StatusCodes.Status409Conflict, title: "Session not runnable");

        var template = templates.Find(session.Template) ?? throw new InvalidOperationException($"Session {id} has an unknown template.");
        var errors = RequestValidation.Validate(request, template);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var sealedSecrets = request.Secrets is { Count: > 0 } secrets ? services.GetRequiredService<SecretSealer>().Seal(secrets) : null;
        IReadOnlyList<string> command = request.Command is { Count: > 0 } argv ? argv
            : request.Prompt is { } prompt ? template.CommandFor(prompt)
            : template.DefaultCommand!;
        var runId = Ids.NewRunId();
        await sessions.AddRunAsync(id, runId);
        await work.EnqueueAsync(new WorkItem(WorkKinds.Run, id, runId,
            WorkQueue.Body(new RunWork(command, request.Env ?? new Dictionary<string, string>(), sealedSecrets, request.TimeoutSeconds))));
        return TypedResults.Accepted($"/api/sessions/{id}", new CreateRunResponse(runId, RunStates.Queued));
    }

    public static async Task<Results<Accepted, NotFound, ForbidHttpResult, ProblemHttpResult>> StopRun(
        string id, string runId, ClaimsPrincipal user, SessionStore sessions, SessionControl control)
    {
        if (!user.CanView(id) || await sessions.GetRunAsync(runId) is not { } run || run.SessionId != id) return TypedResults.NotFound();
        if (!user.CanControl(id)) return TypedResults.Forbid();
        if (run.Status is not (RunStates.Queued or RunStates.Running))
            return TypedResults.Problem($"The run has already ended ({run.Status}).", statusCode: StatusCodes.Status409Conflict, title: "Run not running");
        await sessions.RequestStopAsync(runId);
        await control.SendAsync(id, new ControlMessage(ControlKinds.Stop, runId));
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> SendInput(
        string id, InputRequest request, ClaimsPrincipal user, SessionStore sessions, SessionControl control)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } session) return TypedResults.NotFound();
        if (!user.CanControl(id)) return TypedResults.Forbid();
        if (request.Data is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["data"] = ["The bytes to send, as text."] });
        if (session.CurrentRun is null)
            return TypedResults.Problem("No process is running in this session; start a run first.", statusCode: StatusCodes.Status409Conflict, title: "No running process");
        await control.SendAsync(id, new ControlMessage(ControlKinds.Input, session.CurrentRun, request.Data));
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Ok<FramePage>, NotFound, ValidationProblem>> GetFrames(
        string id, string? after, int? limit, ClaimsPrincipal user, SessionStore sessions, FrameLog frames)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is null) return TypedResults.NotFound();
        var from = StreamId.Zero;
        if (after is not null && !StreamId.TryParse(after, out from))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["A frame id (ms-seq)."] });
        var size = Math.Clamp(limit ?? 100, 1, FrameLog.MaxPageSize);
        var page = await frames.ReadAfterAsync(id, from, size + 1);
        var hasMore = page.Count > size;
        var shown = hasMore ? page.Take(size).ToArray() : page;
        return TypedResults.Ok(new FramePage(shown, shown.Count > 0 ? shown[^1].Id.ToString() : after, hasMore));
    }
}
