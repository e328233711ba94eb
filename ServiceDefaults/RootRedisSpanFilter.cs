using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps Redis commands that belong to no trace out of the export. The Worker's queue poll, its lease renewals, the
/// health checks' PINGs and the relay's background reads run outside any request or work item, so Aspire's Redis
/// tracing makes each of them a trace of one span: several a second, burying the sessions' and runs' traces on the
/// dashboard's Traces page. A command made inside a trace (a request, a claimed work item) has a parent and is kept.
/// </summary>
/// <remarks>
/// Runs before the exporter's processor (it is added first, see <see cref="OpenTelemetryExtensions"/>) and clears the
/// span's Recorded flag, which export processors skip. The spans are still created: Aspire's instrumentation takes no
/// filter (its options are internal), and a sampler does not see an activity's source.
/// </remarks>
public sealed class RootRedisSpanFilter : BaseProcessor<Activity>
{
    /// <summary>The ActivitySource of the StackExchange.Redis instrumentation Aspire's Redis client brings.</summary>
    public const string RedisSourceName = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name == RedisSourceName && data.ParentSpanId == default)
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }
}
