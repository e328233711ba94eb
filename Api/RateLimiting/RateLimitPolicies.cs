using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Aspire.Sandbox.Api.Authentication;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.RateLimiting;

/// <summary>
/// The framework's rate limiter, partitioned by who is calling. The partition is worked out from the
/// credential itself (not from authentication, which runs later), so floods are refused before any
/// handler or Redis call; a missing or invalid credential counts against the client address.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>The one policy: a single partitioned limiter, so the address budget is shared by every endpoint.</summary>
    public const string PerCaller = "per-caller";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.IsValid(), "Sandbox:RateLimits: every PermitLimit must be > 0 and every Window > 0.")
            .ValidateOnStart();

        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(PerCaller, Partition);
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var services = context.RequestServices;
        var wantsApiKey = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthorizationPolicies.ApiKey) == true;
        if (wantsApiKey)
        {
            var owner = services.GetRequiredService<ApiKeyRing>().OwnerOf(BearerToken.From(context.Request));
            return owner is null ? Anonymous(context) : Window("key:" + owner, Rules(context).ApiKey);
        }
        var token = BearerToken.From(context.Request) ?? context.Request.Query["access_token"].FirstOrDefault();
        var valid = services.GetRequiredService<SessionTokenService>().Validate(token) is not null;
        return valid ? Window("token:" + Fingerprint(token!), Rules(context).SessionToken) : Anonymous(context);
    }

    private static RateLimitOptions Rules(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> Anonymous(HttpContext context) =>
        Window("addr:" + context.Connection.RemoteIpAddress, Rules(context).Anonymous);

    private static RateLimitPartition<string> Window(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    // Partitions are kept in memory by key; a hash keeps tokens themselves out of it.
    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = ProblemTypes.RateLimited,
            Title = "Too many requests",
            Detail = $"This credential has used its request budget; retry after {seconds} s (Retry-After).",
            Extensions = { ["retryAfterSeconds"] = seconds },
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
