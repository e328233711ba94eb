namespace Aspire.Sandbox.Api.Idempotency;

/// <summary>Replays a kept first answer byte for byte, marked with <c>Idempotent-Replayed: true</c>.</summary>
internal sealed class KeptAnswerResult(IdempotencyRecord answer) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => answer.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = answer.Status;
        if (answer.Location is not null) response.Headers.Location = answer.Location;
        response.Headers[IdempotencyOptions.ReplayedHeaderName] = "true";
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(answer.Body ?? "", httpContext.RequestAborted);
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Marks the endpoint as honouring <c>Idempotency-Key</c> within the caller scope <paramref name="scopeOf"/> returns.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder endpoint, Func<EndpointFilterInvocationContext, string?> scopeOf) =>
        endpoint
            .WithMetadata(new IdempotentEndpointMetadata())
            .AddEndpointFilterFactory((factory, next) =>
            {
                var filter = ActivatorUtilities.CreateInstance<IdempotencyFilter>(factory.ApplicationServices, scopeOf);
                return context => filter.InvokeAsync(context, next);
            });
}

/// <summary>Endpoint metadata: the endpoint honours <c>Idempotency-Key</c> (the OpenAPI document says so).</summary>
public sealed record IdempotentEndpointMetadata;
