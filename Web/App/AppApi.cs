using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Web.App;

/// <summary>
/// The browser app's backend: it forwards to the Api, adding the API key for session creation
/// (the key never reaches the browser) and passing the browser's session token for the rest.
/// </summary>
public static class AppApi
{
    public const string ApiClient = "api";

    public static RouteGroupBuilder MapAppApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/app").WithTags("Browser app");
        api.MapGet("/templates", (HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Get, "/api/templates", authorization: null));
        api.MapPost("/sessions", (HttpContext context, IHttpClientFactory clients, IOptions<WebOptions> options) =>
            ForwardAsync(context, clients, HttpMethod.Post, "/api/sessions", new AuthenticationHeaderValue("Bearer", options.Value.ApiKey)));
        api.MapPost("/sessions/{id}/runs", (string id, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Post, $"/api/sessions/{Uri.EscapeDataString(id)}/runs", BrowserToken(context)));
        api.MapGet("/sessions/{id}", (string id, HttpContext context, IHttpClientFactory clients) =>
            ForwardAsync(context, clients, HttpMethod.Get, $"/api/sessions/{Uri.EscapeDataString(id)}", BrowserToken(context)));
        return api;
    }

    private static AuthenticationHeaderValue? BrowserToken(HttpContext context) =>
        AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var value) ? value : null;

    private static async Task ForwardAsync(
        HttpContext context, IHttpClientFactory clients, HttpMethod method, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = authorization } };
        if (method != HttpMethod.Get)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        try
        {
            using var response = await clients.CreateClient(ApiClient).SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await TypedResults.Problem("The Api cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Api unavailable").ExecuteAsync(context);
        }
    }
}
