using Microsoft.AspNetCore.Http.Metadata;
using Aspire.Sandbox.Api.Limits;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Api.Problems;

/// <summary>
/// The one place exceptions become answers: unreadable requests are 4xx naming the field, an unreachable
/// Redis is 503 (retry later), anything else is a bare 500. No exception text reaches the client.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, IOptions<JsonOptions> json, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public const int RedisRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RedisConnectionException or RedisTimeoutException => RedisUnavailable(context, exception),
            BadHttpRequestException bad => RequestProblem(context, bad),
            _ => Internal(context, exception),
        };
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private ProblemDetails RedisUnavailable(HttpContext context, Exception exception)
    {
        LogRedisUnavailable(logger, context.Request.Method, context.Request.Path, exception.GetType().Name);
        context.Response.Headers.RetryAfter = RedisRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.Unavailable,
            Title = "Service unavailable",
            Detail = "The session store (Redis) cannot be reached right now; nothing was changed. Retry after a few seconds.",
        };
    }

    private ProblemDetails RequestProblem(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException jsonError)
        {
            var bodyType = Endpoint(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (field, message) = JsonErrorDescriber.Describe(jsonError, bodyType, json.Value.SerializerOptions);
            return Malformed(field, message);
        }
        return bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => RequestLimits.TooLarge(Endpoint(context)),
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Type = ProblemTypes.UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = "Send the body as JSON with 'Content-Type: application/json'.",
            },
            StatusCodes.Status400BadRequest => Malformed("body", "A JSON object is required."),
            var status => new ProblemDetails { Status = status },
        };
    }

    // The exception handler middleware clears the endpoint before handlers run; the feature keeps it.
    private static Endpoint? Endpoint(HttpContext context) => context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    public static HttpValidationProblemDetails Malformed(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.MalformedBody,
            Title = "The request body could not be read",
            Detail = "The body must be one JSON object of the documented shape; 'errors' names the offending field.",
        };

    private ProblemDetails Internal(HttpContext context, Exception exception)
    {
        LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Type = ProblemTypes.Internal,
            Title = "Internal error",
            Detail = "The request failed on the server; the traceId identifies it in the logs.",
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis unavailable during {Method} {Path}: {ExceptionType}")]
    private static partial void LogRedisUnavailable(ILogger logger, string method, string path, string exceptionType);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unhandled exception during {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
