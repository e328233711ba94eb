using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Contracts.Security;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c>: the first request with a key runs and its 2xx answer is kept; a retry
/// with the same key and body gets that answer back (same status, Location and body) and starts nothing;
/// the same key with another body is refused with 422; a retry while the first still runs gets 409.
/// </summary>
internal sealed class IdempotencyFilter(
    Func<EndpointFilterInvocationContext, string?> scopeOf,
    IdempotencyStore store,
    IOptions<JsonOptions> json,
    IOptions<SandboxSecurityOptions> security) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyOptions.HeaderName, out var values)) return await next(context);
        if (values.Count != 1 || !IsValidKey(values[0]))
            return Problems.Problems.Validation(IdempotencyOptions.HeaderName,
                $"One key of 1-{ApiLimits.MaxIdempotencyKeyLength} printable ASCII characters, e.g. a UUID.");
        // A caller that may not act here gets the handler's 404/403, never someone else's kept answer.
        if (scopeOf(context) is not { } scope) return await next(context);

        var key = values[0]!;
        var fingerprint = Fingerprint(context);
        var owner = Guid.NewGuid().ToString("N");
        var earlier = await store.ClaimAsync(scope, key, new IdempotencyRecord(fingerprint, owner));
        if (earlier is not null)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(earlier.Fingerprint), Encoding.ASCII.GetBytes(fingerprint)))
                return Reused();
            return earlier.InFlight ? InFlight(http) : new KeptAnswerResult(earlier);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, owner);
            throw;
        }

        if (Success(result) is { } success) await store.CompleteAsync(scope, key, success with { Fingerprint = fingerprint, Owner = owner });
        else await store.ReleaseAsync(scope, key, owner);
        return result;
    }

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= ApiLimits.MaxIdempotencyKeyLength } && key.All(c => c is >= '!' and <= '~');

    /// <summary>
    /// The method, path and body as bound (so whitespace and property order do not matter), under an HMAC:
    /// the body may hold secrets, and a plain hash kept in Redis could be checked against guesses.
    /// </summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = context.Arguments.FirstOrDefault(a => a is not null && a.GetType() == bodyType);
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(body, bodyType ?? typeof(object), json.Value.SerializerOptions)}";
        var key = security.Value.TokenKeys.FirstOrDefault() is { } signing ? Convert.FromBase64String(signing) : [];
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A 2xx answer with a body, as it will be replayed; null for anything else.</summary>
    private IdempotencyRecord? Success(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } status || result is not IValueHttpResult { Value: { } value })
            return null;
        // Created<T> and Accepted<T> share no interface for Location.
        var location = result.GetType().GetProperty("Location")?.GetValue(result) as string;
        var body = JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
        return new IdempotencyRecord("", "", status.StatusCode!.Value, location, body);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InFlight(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problems.Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.IdempotencyKeyInFlight, "Request in progress",
            "The first request with this Idempotency-Key is still being processed; retry shortly to get its answer.");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Reused() =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [IdempotencyOptions.HeaderName] = ["This key was already used for a request with a different body or path; use a new key."],
        })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = ProblemTypes.IdempotencyKeyReused,
            Title = "Idempotency-Key reused",
            Detail = "An Idempotency-Key names one request; a request with another body needs its own key.",
        });
}
