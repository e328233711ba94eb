using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Web.App;

/// <summary>
/// The browser app's backend: it forwards to the Api, adding the API key for creating and listing sessions (the key
/// never reaches the browser), marking each session with its creator, and passing the browser's session token for the
/// rest. A browser gets a session's token again (a reload, a deep link, a new tab) from <c>/access</c>, which checks
/// that the session is its own: tokens stay in page memory, never in storage or a URL.
/// </summary>
public static class AppApi
{
    public const string ApiClient = "api";

    public static RouteGroupBuilder MapAppApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/app").WithTags("Browser app");
        api.MapGet("/templates", (HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Get, "/api/templates", authorization: null));
        api.MapGet("/sessions", ListSessions).RequireAuthorization(WebAuth.SignedInPolicy);
        api.MapPost("/sessions", CreateSession).RequireAuthorization(WebAuth.SignedInPolicy);
        api.MapGet("/sessions/{id}/access", Access).RequireAuthorization(WebAuth.SignedInPolicy);
        api.MapGet("/sessions/{id}", (string id, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Get, $"/api/sessions/{Uri.EscapeDataString(id)}", BrowserToken(context)));
        api.MapDelete("/sessions/{id}", (string id, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Delete, $"/api/sessions/{Uri.EscapeDataString(id)}", BrowserToken(context)));
        api.MapPost("/sessions/{id}/runs", (string id, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Post, $"/api/sessions/{Uri.EscapeDataString(id)}/runs", BrowserToken(context)));
        api.MapPost("/sessions/{id}/runs/{runId}/stop", (string id, string runId, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Post,
                $"/api/sessions/{Uri.EscapeDataString(id)}/runs/{Uri.EscapeDataString(runId)}/stop", BrowserToken(context)));
        return api;
    }

    /// <summary>This user's sessions, newest first, a page at a time (the Api's paging, filtered by the owner label).</summary>
    private static Task ListSessions(HttpContext context, IHttpClientFactory clients, IOptions<WebOptions> options, string? limit, string? cursor)
    {
        var query = $"?label={WebUsers.OwnerLabel}:{WebUsers.Label(context.User)}";
        if (limit is not null) query += "&limit=" + Uri.EscapeDataString(limit);
        if (cursor is not null) query += "&cursor=" + Uri.EscapeDataString(cursor);
        return ForwardAsync(context, clients, HttpMethod.Get, "/api/sessions" + query, ApiKey(options));
    }

    private static async Task CreateSession(HttpContext context, IHttpClientFactory clients, IOptions<WebOptions> options)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            await TypedResults.Problem("The body must be a JSON object.", statusCode: StatusCodes.Status400BadRequest,
                title: "The request is not valid").ExecuteAsync(context);
            return;
        }
        // The owner label is the Web's to set: a browser cannot claim another user's mark.
        if (body["labels"] is not JsonObject labels) body["labels"] = labels = [];
        labels[WebUsers.OwnerLabel] = WebUsers.Label(context.User);
        await ForwardAsync(context, clients, HttpMethod.Post, "/api/sessions", ApiKey(options),
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }

    public sealed record SessionAccess(string Token, string Role);

    /// <summary>
    /// A fresh token for one of this user's sessions: the owner's by default, <c>?role=viewer</c> for a share link.
    /// Someone else's session, or one not created through the Web, is the same 404 as one that does not exist.
    /// </summary>
    private static async Task<Results<Ok<SessionAccess>, ProblemHttpResult>> Access(
        string id, string? role, HttpContext context, SessionStore sessions, SessionTokenService tokens)
    {
        var record = await sessions.GetAsync(id);
        if (record?.Labels is null || !record.Labels.TryGetValue(WebUsers.OwnerLabel, out var owner) || owner != WebUsers.Label(context.User))
            return TypedResults.Problem("No such session.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var viewer = string.Equals(role, "viewer", StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SessionAccess(tokens.Issue(id, viewer ? SessionRole.Viewer : SessionRole.Owner), viewer ? "viewer" : "owner"));
    }

    private static AuthenticationHeaderValue ApiKey(IOptions<WebOptions> options) => new("Bearer", options.Value.ApiKey);

    private static AuthenticationHeaderValue? BrowserToken(HttpContext context) =>
        AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var value) ? value : null;

    private static async Task ForwardAsync(
        HttpContext context, IHttpClientFactory clients, HttpMethod method, string path, AuthenticationHeaderValue? authorization,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = authorization } };
        if (content is not null) request.Content = content;
        else if (method == HttpMethod.Post)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        try
        {
            using var response = await clients.CreateClient(ApiClient).SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.Headers.CacheControl = "no-store"; // answers may carry tokens
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await TypedResults.Problem("The Api cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Api unavailable").ExecuteAsync(context);
        }
    }
}
