namespace Aspire.Sandbox.Api.OpenApi;

/// <summary>What each status means in this API, for the OpenAPI document's response descriptions.</summary>
internal static class ResponseDescriptions
{
    public static string? For(string status, string? generated) => status switch
    {
        "400" => "A field is missing, malformed or over a limit; 'errors' names it.",
        "401" => "No credential, or not a valid one (WWW-Authenticate: Bearer).",
        "403" => "A viewer token on an owner-only endpoint.",
        "404" => "No such session (or run) that this token can see.",
        "409" => "The session or run is not in a state that allows this.",
        "413" => "The body is over the endpoint's size limit.",
        "415" => "The body is not JSON.",
        "422" => "The Idempotency-Key was used before with another body.",
        "429" => "Over the request budget of this credential; see Retry-After.",
        "500" => "An unexpected failure; the traceId identifies it.",
        "503" => "The session store (Redis) is unavailable; see Retry-After.",
        _ => generated,
    };
}
