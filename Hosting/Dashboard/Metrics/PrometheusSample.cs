namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",…} value</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
