namespace Aspire.Sandbox.Api.Problems;

/// <summary>
/// The stable <c>type</c> URIs of every error the Api answers. Clients branch on these (titles and
/// details are for people and may be reworded); API.md lists them.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://aspire-sandbox.dev/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedBody = Base + "malformed-body";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string SessionNotRunnable = Base + "session-not-runnable";
    public const string RunNotRunning = Base + "run-not-running";
    public const string NoRunningProcess = Base + "no-running-process";
    public const string TemplateNeedsEgress = Base + "template-needs-egress";
    public const string IdempotencyKeyInFlight = Base + "idempotency-key-in-flight";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string HeadersTooLarge = Base + "headers-too-large";
    public const string RateLimited = Base + "rate-limited";
    public const string SecretsUnavailable = Base + "secrets-unavailable";
    public const string Unavailable = Base + "service-unavailable";
    public const string EngineUnavailable = Base + "engine-unavailable";
    public const string Internal = Base + "internal";
    public const string Other = Base + "http-error";

    /// <summary>Type, title and detail for an answer the framework produced with only a status code.</summary>
    public static (string Type, string Title, string Detail) ForStatus(int status) => status switch
    {
        400 => (MalformedBody, "The request could not be read", "The request is not of the documented shape (see /openapi/v1.json)."),
        401 => (Unauthorized, "Authentication required", "Send 'Authorization: Bearer <credential>'."),
        403 => (Forbidden, "Not allowed", "This credential may not do this."),
        404 => (NotFound, "Not found", "Nothing is at this path (see /openapi/v1.json)."),
        405 => (MethodNotAllowed, "Method not allowed", "This path does not take this method (see /openapi/v1.json)."),
        413 => (PayloadTooLarge, "Request body too large", "The body is over this endpoint's size limit."),
        415 => (UnsupportedMediaType, "Unsupported media type", "Send the body as JSON with 'Content-Type: application/json'."),
        429 => (RateLimited, "Too many requests", "Over the request budget; see Retry-After."),
        431 => (HeadersTooLarge, "Request headers too large", "The request's headers are too large."),
        503 => (Unavailable, "Service unavailable", "Retry later."),
        >= 500 => (Internal, "Internal error", "The request failed on the server; the traceId identifies it in the logs."),
        _ => (Other, "Request failed", "The request failed."),
    };
}
