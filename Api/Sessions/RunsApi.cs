using System.Diagnostics;
using System.Security.Claims;
using Aspire.Sandbox.Api.Endpoints;
using Aspire.Sandbox.Api.Engine;
using Aspire.Sandbox.Api.Idempotency;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Api.Validation;
using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>Acting on a session's processes: start a run, stop it, type into it. Owner token only.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions/{id}").WithTags("Runs").WithCommonProblems().WithSessionToken()
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        api.MapPost("/runs", CreateRun).Validates<CreateRunRequest>()
            .WithIdempotency(context => context.HttpContext.GetRouteValue("id") is string id && context.HttpContext.User.CanControl(id) ? "ses:" + id : null)
            .RequiresSandboxEngine()
            .WithBodyProblems().WithProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/runs/{runId}/stop", StopRun);
        api.MapPost("/input", SendInput).Validates<InputRequest>().WithBodyProblems();

        return api;
    }

    public static async Task<Results<Accepted<CreateRunResponse>, ProblemHttpResult>> CreateRun(
        string id, CreateRunRequest request, ClaimsPrincipal user, SessionStore sessions, WorkQueue work, TemplateCatalog templates, SecretsBox secrets,
        ApiMetrics metrics)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } session) return Problems.Problems.SessionNotFound();
        if (!user.CanControl(id)) return Problems.Problems.OwnerOnly();
        if (SessionStates.HasEnded(session.Status))
            return Problems.Problems.Conflict(ProblemTypes.SessionNotRunnable, "Session not runnable", $"The session is {session.Status}; create a new one.");
        if (templates.Find(session.Template) is not { } template)
            return Problems.Problems.Conflict(ProblemTypes.SessionNotRunnable, "Session not runnable", "This deployment no longer offers the session's template.");

        var sessionSecrets = await sessions.GetSealedSecretsAsync(id);
        if ((sessionSecrets is not null || request.Secrets is { Count: > 0 }) && !secrets.Available) return Problems.Problems.SecretsUnavailable();
        var allSecrets = new Dictionary<string, string>(sessionSecrets is null ? [] : secrets.Unseal(sessionSecrets));
        foreach (var (name, value) in request.Secrets ?? new Dictionary<string, string>()) allSecrets[name] = value;

        var errors = RunRules(request, template, allSecrets);
        if (errors.Count > 0) return Problems.Problems.Validation(errors);

        IReadOnlyList<string> command = request.Command ?? (request.Prompt is { } prompt ? template.CommandFor(prompt) : template.DefaultCommand!);
        var runId = Ids.NewRunId();
        await sessions.AddRunAsync(id, runId, Activity.Current?.Id);
        await work.EnqueueTracedAsync(new WorkItem(WorkKinds.Run, id, runId, WorkQueue.Body(new RunWork(
            command, request.Env ?? new Dictionary<string, string>(), allSecrets.Count > 0 ? secrets.Seal(allSecrets) : null, request.TimeoutSeconds,
            ContinuesConversation: request.Prompt is not null))));
        metrics.RunAccepted();
        return TypedResults.Accepted($"/api/sessions/{id}", new CreateRunResponse(runId, RunStates.Queued));
    }

    /// <summary>The rules that depend on the session's template and secrets.</summary>
    private static ValidationErrors RunRules(CreateRunRequest request, TemplateDefinition template, IReadOnlyDictionary<string, string> secrets)
    {
        var errors = new ValidationErrors();
        if (request.Command is null && request.Prompt is null && template.DefaultCommand is null)
            errors.Report("command", $"Give 'command' (argv) or 'prompt': template '{template.Name}' has no default command.");
        if (request.Prompt is not null && template.RequiredSecrets.Where(name => !secrets.ContainsKey(name)).ToArray() is { Length: > 0 } missing)
            errors.Report("secrets", $"Template '{template.Name}' needs the secret(s) {string.Join(", ", missing)}: give them with the run or the session.");
        if (secrets.Count > ApiLimits.MaxSecrets) errors.Report("secrets", $"At most {ApiLimits.MaxSecrets} secrets per run, the session's included.");
        return errors;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> StopRun(string id, string runId, ClaimsPrincipal user, SessionStore sessions, SessionControl control)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is null) return Problems.Problems.SessionNotFound();
        if (await sessions.GetRunAsync(runId) is not { } run || run.SessionId != id) return Problems.Problems.RunNotFound();
        if (!user.CanControl(id)) return Problems.Problems.OwnerOnly();
        if (run.Status is not (RunStates.Queued or RunStates.Running))
            return Problems.Problems.Conflict(ProblemTypes.RunNotRunning, "Run not running", $"The run has already ended ({run.Status}).");
        await sessions.RequestStopAsync(runId);
        await control.SendAsync(id, new ControlMessage(ControlKinds.Stop, runId));
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> SendInput(string id, InputRequest request, ClaimsPrincipal user, SessionStore sessions, SessionControl control)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } session) return Problems.Problems.SessionNotFound();
        if (!user.CanControl(id)) return Problems.Problems.OwnerOnly();
        if (session.CurrentRun is null)
            return Problems.Problems.Conflict(ProblemTypes.NoRunningProcess, "No running process", "No process is running in this session; start a run first.");
        await control.SendAsync(id, new ControlMessage(ControlKinds.Input, session.CurrentRun, request.Data));
        return TypedResults.Accepted((string?)null);
    }
}
