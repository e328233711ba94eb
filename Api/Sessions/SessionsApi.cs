using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;
using System.Security.Claims;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.Endpoints;
using Aspire.Sandbox.Api.Engine;
using Aspire.Sandbox.Api.Idempotency;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Api.RateLimiting;
using Aspire.Sandbox.Api.Validation;
using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>Sessions: created and listed with an API key, read and deleted with the session's token.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions").WithTags("Sessions").WithCommonProblems();

        api.MapPost("/", CreateSession).WithApiKey()
            .Validates<CreateSessionRequest>()
            .WithIdempotency(context => "key:" + context.HttpContext.User.OwnerId())
            .RequiresSandboxEngine()
            .WithMetadata(new BodySizeLimit(ApiLimits.MaxCreateSessionBodyBytes))
            .WithBodyProblems().WithProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListSessions).WithApiKey().WithProblems(StatusCodes.Status400BadRequest)
            .WithDescription("The caller's sessions, newest first, a page at a time: limit (1-200, default 50), cursor (a page's 'next'), " +
                             "status, template, and label=key:value (repeatable; all must match). Answers { sessions, next } (until 2026-12 a bare array).");
        api.MapGet("/{id}", GetSession).WithSessionToken();
        api.MapDelete("/{id}", DeleteSession).WithSessionToken().WithProblems(StatusCodes.Status403Forbidden);

        return api;
    }

    public static async Task<Results<Created<CreateSessionResponse>, ProblemHttpResult>> CreateSession(
        CreateSessionRequest request, ClaimsPrincipal user, TemplateCatalog templates, IOptions<ApiOptions> options,
        SessionStore sessions, WorkQueue work, SessionTokenService tokens, SecretsBox secrets, ApiMetrics metrics)
    {
        var template = templates.Find(request.Template)!; // the validator has checked it exists
        if (template.Network == TemplateDefinition.NetworkEgress && !options.Value.AllowEgress)
            return TemplateNeedsEgress(template.Name);
        if (request.Secrets is { Count: > 0 } && !secrets.Available) return Problems.Problems.SecretsUnavailable();

        var id = Ids.NewSessionId();
        // The session's trace is the request's: the Web's relay of its frames joins it (ids only in the record).
        var session = await sessions.CreateAsync(id, template.Name, request.Name, user.OwnerId(), request.Labels, Activity.Current?.Id);
        if (request.Secrets is { Count: > 0 } given) await sessions.SetSealedSecretsAsync(id, secrets.Seal(given));
        await work.EnqueueTracedAsync(new WorkItem(WorkKinds.CreateSession, id, null,
            WorkQueue.Body(new CreateSessionWork(template.Name, request.Files ?? [], request.Env ?? new Dictionary<string, string>()))));
        metrics.SessionCreated();

        return TypedResults.Created($"/api/sessions/{id}", new CreateSessionResponse(
            id, session.Template, session.Status, tokens.Issue(id, SessionRole.Owner), tokens.Issue(id, SessionRole.Viewer)));
    }

    // Query values are read as text so a bad one is answered naming its parameter, not as a binding failure.
    public static async Task<Results<Ok<SessionList>, ProblemHttpResult>> ListSessions(
        string? limit, string? cursor, string? status, string? template, [FromQuery] string?[]? label,
        ClaimsPrincipal user, IConnectionMultiplexer redis)
    {
        var errors = new ValidationErrors();
        var size = DefaultListPage;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxListPage))
            errors.Report("limit", $"A whole number from 1 to {MaxListPage}.");
        SessionCursor? from = null;
        if (cursor is not null && !SessionCursor.TryParse(cursor, out from)) errors.Report("cursor", "The 'next' of an earlier page, as given.");
        if (status is not null && !SessionStates.All.Contains(status)) errors.Report("status", $"One of {string.Join(", ", SessionStates.All)}.");
        if (template is not null && (template.Length is 0 or > 200)) errors.Report("template", "A template name.");
        var labels = LabelRules.ParseFilters(label ?? [], errors);
        if (errors.Count > 0) return Problems.Problems.Validation(errors);

        var page = await new SessionListing(redis).ListAsync(user.OwnerId(), new SessionQuery(size, from, status, template, labels));
        return TypedResults.Ok(new SessionList(
            page.Sessions.Select(s => new SessionSummary(s.Id, s.Template, s.Name, s.Status, s.CreatedAt, s.LastActivityAt,
                s.Labels ?? new Dictionary<string, string>())).ToArray(),
            page.Next?.ToString()));
    }

    private const int DefaultListPage = 50;
    private const int MaxListPage = 200;

    public static async Task<Results<Ok<SessionDetails>, ProblemHttpResult>> GetSession(
        string id, ClaimsPrincipal user, SessionStore sessions, TemplateCatalog templates, PreviewStore previews, IOptions<PreviewOptions> previewOptions)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } s) return Problems.Problems.SessionNotFound();
        var runs = await sessions.GetRunsAsync(id);
        var sleepsAt = s.Status == SessionStates.Ready ? s.LastActivityAt + (templates.Find(s.Template)?.IdleTimeout ?? TemplateDefinition.DefaultIdleTimeout) : (DateTimeOffset?)null;
        return TypedResults.Ok(new SessionDetails(s.Id, s.Template, s.Status, s.CreatedAt, s.LastActivityAt,
            runs.Select(r => new RunSummary(r.Id, r.Status, r.ExitCode)).ToArray(), sleepsAt,
            await PreviewsApi.ListAsync(id, previews, previewOptions.Value)));
    }

    /// <summary>Idempotent: deleting a deleted session is accepted again and starts nothing new.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> DeleteSession(string id, ClaimsPrincipal user, SessionStore sessions, WorkQueue work)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } s) return Problems.Problems.SessionNotFound();
        if (!user.CanControl(id)) return Problems.Problems.OwnerOnly();
        // The swap is atomic: of concurrent deletes, only the first enqueues the sandbox's removal.
        if (s.Status == SessionStates.Deleted || await sessions.SwapStatusAsync(id, SessionStates.Deleted) == SessionStates.Deleted)
            return TypedResults.Accepted((string?)null);
        await work.EnqueueTracedAsync(new WorkItem(WorkKinds.DeleteSession, id, null, "{}"));
        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult TemplateNeedsEgress(string template) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["template"] = [$"Template '{template}' needs outbound network access, which this deployment does not allow."],
        })
        {
            Status = StatusCodes.Status409Conflict,
            Type = ProblemTypes.TemplateNeedsEgress,
            Title = "Template needs outbound network",
            Detail = "Sandboxes have no network here; an operator can allow templates with egress by naming an egress network (Sandbox:Docker:EgressNetwork).",
        });
}
