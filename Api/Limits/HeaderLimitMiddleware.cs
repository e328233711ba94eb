using Microsoft.AspNetCore.Mvc;

namespace Aspire.Sandbox.Api.Limits;

/// <summary>
/// Refuses requests whose headers together exceed <see cref="ApiLimits.MaxHeaderBytes"/> with a 431
/// ProblemDetails naming the largest header. Kestrel's higher limit still guards the parser itself.
/// </summary>
internal sealed class HeaderLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public Task InvokeAsync(HttpContext context)
    {
        long total = 0, largest = -1;
        var largestName = "";
        foreach (var (name, values) in context.Request.Headers)
        {
            long size = name.Length;
            foreach (var value in values) size += value?.Length ?? 0;
            total += size;
            if (size > largest) (largest, largestName) = (size, name);
        }
        if (total <= ApiLimits.MaxHeaderBytes) return next(context);

        context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [largestName] = [$"Headers may take at most {ApiLimits.MaxHeaderBytes} bytes in all; this one alone takes {largest}."],
        })
        {
            Status = StatusCodes.Status431RequestHeaderFieldsTooLarge,
            Type = Problems.ProblemTypes.HeadersTooLarge,
            Title = "Request headers too large",
            Detail = $"The request's headers take more than {ApiLimits.MaxHeaderBytes} bytes.",
        };
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
