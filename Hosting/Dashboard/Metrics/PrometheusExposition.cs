namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// A parsed <c>/metrics</c> answer: the samples in order, and the <c># TYPE</c> and <c># HELP</c> of each metric
/// family (keyed by the family's name, e.g. <c>x_seconds</c> for the samples <c>x_seconds_bucket</c>, <c>_sum</c>, <c>_count</c>).
/// </summary>
internal sealed record PrometheusExposition(
    IReadOnlyList<PrometheusSample> Samples,
    IReadOnlyDictionary<string, string> Types,
    IReadOnlyDictionary<string, string> Help);
