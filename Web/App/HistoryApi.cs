using System.Security.Claims;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Web.App;

/// <summary>
/// A session's history for the page, read from the newest end back: a reopened session shows its newest frames at
/// once, subscribes to the hub after the last of them (the relay resumes there, so live frames follow with no gap and
/// no duplicate), and asks for the page before its oldest frame only when the reader scrolls back. Read from the
/// session's stream with the browser's session token (owner or viewer), like the hub; the Api's frame pages go forward.
/// </summary>
public static class HistoryApi
{
    public const int DefaultPageSize = 200;
    public const int MaxPageSize = 500;

    /// <summary>Frames oldest first; <c>hasMore</c>: older frames exist before the first one.</summary>
    public sealed record HistoryPage(IReadOnlyList<RawFrame> Frames, bool HasMore);

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/app/sessions/{id}").WithTags("Browser app");
        api.MapGet("/history", ReadHistory).RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(SessionTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        return api;
    }

    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> ReadHistory(
        string id, string? before, int? limit, ClaimsPrincipal user, FrameLog frames, HttpContext context)
    {
        StreamId? end = null;
        if (before is not null)
        {
            if (!StreamId.TryParse(before, out var parsed))
                return Invalid("before must be a frame id (ms-seq).");
            end = parsed;
        }
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) return Invalid($"limit must be between 1 and {MaxPageSize}.");
        // The same answer for a session that does not exist and one the token does not cover.
        if (!user.CanView(id))
            return TypedResults.Problem("No such session for this token.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

        // One frame more than asked says whether an older page exists, in the same read.
        var page = await frames.ReadBeforeAsync(id, end, size + 1);
        var hasMore = page.Count > size;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HistoryPage(hasMore ? page.Skip(1).ToArray() : page, hasMore));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid");
}
