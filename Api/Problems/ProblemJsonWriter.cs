using Microsoft.AspNetCore.Mvc;
using System.Diagnostics;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Problems;

/// <summary>
/// Writes every ProblemDetails as <c>application/problem+json</c>, whatever the client's Accept header
/// says (the default writer gives up on <c>Accept: text/html</c> and status code pages then answer in
/// plain text). Fills in the stable type, a title and the trace id, and drops anything that could
/// carry exception details.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        Complete(problem, http);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType, http.RequestAborted));
    }

    public static void Complete(ProblemDetails problem, HttpContext http)
    {
        problem.Status ??= http.Response.StatusCode;
        var (type, title, detail) = ProblemTypes.ForStatus(problem.Status.Value);
        // Framework answers come with RFC section links as type; ours are stable and documented.
        if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal))
        {
            problem.Type = type;
            problem.Title = title;
        }
        problem.Title ??= title;
        problem.Detail ??= detail;
        problem.Extensions.Remove("exception");
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
    }
}
