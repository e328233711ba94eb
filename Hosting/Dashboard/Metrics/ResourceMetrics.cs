using System.Text.Json.Serialization;

namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// What the dashboard answers for one replica: its last scrape of <c>/metrics</c> — when, the series it held,
/// or why it failed (then the series are those of the last scrape that worked, if any).
/// </summary>
/// <param name="Resource">The replica's name, as in <c>/api/resources</c> (<c>worker</c>, or <c>worker-2</c> with replicas).</param>
/// <param name="ScrapedAt">When the series were read; null if no scrape has worked yet.</param>
internal sealed record ResourceMetrics(
    string Resource,
    string Url,
    DateTimeOffset? ScrapedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    IReadOnlyList<MetricSeries> Metrics);
