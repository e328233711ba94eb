using System.Text.Json.Serialization;

namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// One time series of a resource as the dashboard shows it. Counters, gauges and untyped samples have a
/// <see cref="Value"/>; a histogram has <see cref="Count"/>, <see cref="Sum"/>, <see cref="Mean"/> and
/// <see cref="P50"/>/<see cref="P99"/> estimated from its buckets (as Prometheus' histogram_quantile does).
/// </summary>
/// <param name="Name">The Prometheus family name: <c>sandbox_worker_frames_published_total</c>, <c>sandbox_relay_frame_latency_seconds</c>.</param>
/// <param name="Type"><c>counter</c>, <c>gauge</c>, <c>histogram</c>, <c>summary</c> or <c>untyped</c>.</param>
/// <param name="Labels">The series' labels, without <c>le</c> and <c>otel_scope_name</c>.</param>
/// <param name="Scope">The meter that recorded it (<c>otel_scope_name</c>), when the exporter says.</param>
internal sealed record MetricSeries(
    string Name,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Help,
    IReadOnlyDictionary<string, string> Labels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Count = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sum = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Mean = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? P50 = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? P99 = null);
