using System.ComponentModel;
using System.Security.Claims;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.Endpoints;
using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>
/// A session's preview URLs: the ports its template exposes, and any the owner exposes later, each private (the session's
/// tokens open it) or public (anyone with the link).
/// </summary>
public static class PreviewsApi
{
    public static RouteGroupBuilder MapPreviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions/{id}/previews").WithTags("Sessions").WithCommonProblems();
        api.MapGet("/", ListPreviews).WithSessionToken();
        api.MapPut("/{port}", SetPreview).WithSessionToken()
            .WithDescription("Owner only: exposes the sandbox's loopback port (if it was not) and sets whether anyone with its URL may open it.")
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<PreviewInfo>>, ProblemHttpResult>> ListPreviews(
        string id, ClaimsPrincipal user, SessionStore sessions, PreviewStore previews, IOptions<PreviewOptions> options)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is null) return Problems.Problems.SessionNotFound();
        return TypedResults.Ok(await ListAsync(id, previews, options.Value));
    }

    public static async Task<Results<Ok<PreviewInfo>, ProblemHttpResult>> SetPreview(
        string id, string port, PreviewRequest request, ClaimsPrincipal user, SessionStore sessions, PreviewStore previews, IOptions<PreviewOptions> options)
    {
        if (!user.CanView(id) || await sessions.GetAsync(id) is not { } session || SessionStates.HasEnded(session.Status)) return Problems.Problems.SessionNotFound();
        if (!user.CanControl(id)) return Problems.Problems.OwnerOnly();
        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number is < PreviewAddress.MinPort or > PreviewAddress.MaxPort)
            return Problems.Problems.Validation("port", $"A port from {PreviewAddress.MinPort} to {PreviewAddress.MaxPort}.");
        if (request.Public is not { } isPublic) return Problems.Problems.Validation("public", "Required: true or false.");
        if (!await previews.SetPublicAsync(id, number, isPublic)) return Problems.Problems.SessionNotFound();
        return TypedResults.Ok(new PreviewInfo(number, PreviewAddress.Url(options.Value, id, number), isPublic));
    }

    public static async Task<IReadOnlyList<PreviewInfo>> ListAsync(string id, PreviewStore previews, PreviewOptions options) =>
        [.. (await previews.ListAsync(id)).Select(p => new PreviewInfo(p.Port, PreviewAddress.Url(options, id, p.Port), p.Public))];
}

public sealed record PreviewRequest(
    [property: Description("true: anyone with the preview URL may open it; false: only holders of the session's tokens.")] bool? Public);
