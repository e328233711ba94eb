using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aspire.Sandbox.Api.Problems;

/// <summary>The errors handlers answer with, so the same case always reads the same.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "The request is not valid",
            Detail = "Each entry of 'errors' names a field and says what is wrong with it.",
        });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The same answer whether the session does not exist or the token is for another one: no existence leak.</summary>
    public static ProblemHttpResult SessionNotFound() =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", "There is no session with this id that this token can see.");

    public static ProblemHttpResult RunNotFound() =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", "This session has no run with this id.");

    public static ProblemHttpResult OwnerOnly() =>
        Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Owner token required",
            "This token may only watch the session (viewerToken); use the owner's token to act on it.");

    public static ProblemHttpResult Conflict(string type, string title, string detail) =>
        Of(StatusCodes.Status409Conflict, type, title, detail);

    public static ProblemHttpResult SecretsUnavailable() =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.SecretsUnavailable, "Secrets are not available",
            "This deployment has no key to seal secrets with (Sandbox:SecretsKey); send the request without secrets or ask the operator.");

    public static ProblemHttpResult Of(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
