using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Contracts.Workers;

namespace Aspire.Sandbox.Api.Engine;

/// <summary>
/// Refuses work that needs a sandbox with 503 while workers are alive but none reaches its Docker engine, so a
/// caller learns now instead of watching a session fail later. With no worker reporting at all the work is
/// accepted: it waits, durable, in the queue for the next worker. Runs inside the idempotency filter, so a
/// retry after an outage still starts the work once, and an answer kept before it is still given back.
/// </summary>
internal sealed class EngineAvailabilityFilter(EngineStatusBoard board) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await board.ReadAsync() != EngineAvailability.Unavailable) return await next(context);
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.EngineUnavailable, "Sandboxes cannot start right now",
            "No worker can reach its Docker engine; nothing was created. Retry after a few seconds.");
    }
}

public static class EngineAvailabilityFilterExtensions
{
    /// <summary>The endpoint starts sandboxes or runs in them: 503 while no worker's engine answers.</summary>
    public static RouteHandlerBuilder RequiresSandboxEngine(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<EngineAvailabilityFilter>();
}
