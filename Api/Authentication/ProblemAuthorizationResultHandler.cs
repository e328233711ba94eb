using Microsoft.AspNetCore.Mvc;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Aspire.Sandbox.Api.Authentication;

/// <summary>
/// Answers a missing or refused credential with 401, <c>WWW-Authenticate: Bearer</c> (RFC 6750) and a
/// ProblemDetails saying which credential the endpoint wants, instead of the schemes' bare challenge.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Challenged && !authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        ProblemDetails problem;
        if (authorizeResult.Challenged)
        {
            var wantsApiKey = policy.AuthenticationSchemes.Contains(ApiKeyAuthenticationHandler.SchemeName);
            var presented = BearerToken.From(context.Request) is not null || context.Request.Query.ContainsKey("access_token");
            // Expired, tampered and foreign credentials get the same answer: which one it was is not the client's to learn.
            context.Response.Headers.WWWAuthenticate = presented
                ? "Bearer realm=\"aspire-sandbox\", error=\"invalid_token\""
                : "Bearer realm=\"aspire-sandbox\"";
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["Authorization"] = [presented ? "The credential is not valid (unknown, expired or altered)." : "No credential was sent."],
            })
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthorized,
                Title = "Authentication required",
                Detail = wantsApiKey
                    ? "Send an API key: 'Authorization: Bearer <api key>'."
                    : "Send the session's token or viewerToken (from POST /api/sessions): 'Authorization: Bearer <token>'.",
            };
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Type = ProblemTypes.Forbidden, Title = "Not allowed" };
        }
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
