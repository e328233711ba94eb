using System.Globalization;
using System.Security.Claims;
using Aspire.Sandbox.Api.Endpoints;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Validation;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>A session's history, page by page: what a client reads before (or instead of) the live hub.</summary>
public static class FramesApi
{
    public static RouteGroupBuilder MapFramesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions/{id}").WithTags("Frames").WithCommonProblems().WithSessionToken();
        api.MapGet("/frames", GetFrames)
            .WithProblems(StatusCodes.Status400BadRequest)
            .WithDescription("Frames with an id after 'after' (exclusive; from the start when absent), at most 'limit' (1-1000, default 100).");
        return api;
    }

    // after and limit are read as text so a bad value is answered naming its parameter, not as a binding failure.
    public static async Task<Results<Ok<FramePage>, ProblemHttpResult>> GetFrames(
        string id, string? after, string? limit, ClaimsPrincipal user, SessionStore sessions, FrameLog frames)
    {
        // The query is checked first, like bodies are: its answer says nothing about the session.
        var errors = new ValidationErrors();
        var from = StreamId.Zero;
        if (after is not null && !StreamId.TryParse(after, out from)) errors.Report("after", "A frame id as given in a frame's 'id' or a page's 'next' (e.g. 1700000000000-0).");
        var size = ApiLimits.DefaultFramePage;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > FrameLog.MaxPageSize))
            errors.Report("limit", $"A whole number from 1 to {FrameLog.MaxPageSize}.");
        if (errors.Count > 0) return Problems.Problems.Validation(errors);
        if (!user.CanView(id) || await sessions.GetAsync(id) is null) return Problems.Problems.SessionNotFound();

        var page = await frames.ReadAfterAsync(id, from, size);
        // A full page may be the last one: look one frame further (a page of 1000 cannot ask for 1001).
        var hasMore = page.Count == size && (await frames.ReadAfterAsync(id, page[^1].Id, 1)).Count > 0;
        return TypedResults.Ok(new FramePage(page, page.Count > 0 ? page[^1].Id.ToString() : after, hasMore));
    }
}
