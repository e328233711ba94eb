using Microsoft.AspNetCore.Mvc;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.RateLimiting;

namespace Aspire.Sandbox.Api.Endpoints;

/// <summary>
/// What every endpoint of a kind shares: its credential, its rate-limit partition and the errors it can
/// answer with, declared once so the OpenAPI document lists them all.
/// </summary>
public static class EndpointConventions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Any endpoint: 500 and 503 (Redis unavailable).</summary>
    public static TBuilder WithCommonProblems<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithProblems(StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable);

    /// <summary>Needs an API key; limited per key.</summary>
    public static TBuilder WithApiKey<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(AuthorizationPolicies.ApiKey).RequireRateLimiting(RateLimitPolicies.PerCaller)
            .WithProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);

    /// <summary>Needs a session token; limited per token; 404 for a session the token does not cover.</summary>
    public static TBuilder WithSessionToken<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(AuthorizationPolicies.SessionToken).RequireRateLimiting(RateLimitPolicies.PerCaller)
            .WithProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

    /// <summary>Reads a JSON body: 400 naming the field, 413 over the size limit, 415 when not JSON.</summary>
    public static TBuilder WithBodyProblems<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ProblemJson))
            .WithProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    public static TBuilder WithProblems<TBuilder>(this TBuilder endpoint, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
        return endpoint;
    }
}
