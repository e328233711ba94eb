using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Features;

namespace Aspire.Sandbox.Api.Limits;

/// <summary>
/// Answers an oversized body with a 413 ProblemDetails. A declared Content-Length is refused before
/// anything is read; a chunked body is counted as it is read. Kestrel's own limit stays in place
/// underneath, but on its own it ends the request with an empty 413 (minimal APIs swallow the read error).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = RequestLimits.MaxBodyFor(context.GetEndpoint());
        // Kestrel enforces its global limit underneath; raise or lower it to this endpoint's.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel) kestrel.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context);
            return;
        }

        var counted = new LimitedReadStream(context.Request.Body, limit);
        context.Request.Body = counted;
        await next(context);
        if (counted.Exceeded && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await RefuseAsync(context);
        }
    }

    private Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The rest of the body is not read: the connection cannot be reused.
        context.Response.Headers.Connection = "close";
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = RequestLimits.TooLarge(context.GetEndpoint()) }).AsTask();
    }
}
