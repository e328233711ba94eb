namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>Turns parsed samples into the series the dashboard shows: one per sample, one per histogram (its buckets folded in).</summary>
internal static class MetricSummaries
{
    private const string ScopeLabel = "otel_scope_name";
    private const string BucketLabel = "le";
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count", "_total", "_created"];

    /// <param name="prefix">Only families whose name starts with it (null: all).</param>
    public static IReadOnlyList<MetricSeries> From(PrometheusExposition exposition, string? prefix = null)
    {
        var series = new List<MetricSeries>();
        var histograms = new Dictionary<string, HistogramParts>(StringComparer.Ordinal);
        foreach (var sample in exposition.Samples)
        {
            var family = FamilyOf(sample.Name, exposition.Types);
            if (prefix is not null && !family.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var type = exposition.Types.GetValueOrDefault(family, "untyped");
            exposition.Help.TryGetValue(family, out var help);
            var labels = sample.Labels.Where(l => l.Key is not (ScopeLabel or BucketLabel)).OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
            var scope = sample.Labels.GetValueOrDefault(ScopeLabel);
            if (type != "histogram")
            {
                series.Add(new MetricSeries(family, type, help, labels.ToDictionary(), scope, sample.Value));
                continue;
            }

            var key = family + "{" + string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!histograms.TryGetValue(key, out var parts))
            {
                histograms[key] = parts = new HistogramParts(series.Count);
                series.Add(new MetricSeries(family, type, help, labels.ToDictionary(), scope, null));
            }
            parts.Add(sample, family);
        }

        foreach (var parts in histograms.Values) series[parts.Index] = parts.Complete(series[parts.Index]);
        return series;
    }

    /// <summary>The family a sample belongs to: its own name if typed, else its name less a histogram or counter suffix.</summary>
    private static string FamilyOf(string name, IReadOnlyDictionary<string, string> types)
    {
        if (types.ContainsKey(name)) return name;
        foreach (var suffix in FamilySuffixes)
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.ContainsKey(name[..^suffix.Length])) return name[..^suffix.Length];
        return name;
    }

    private sealed class HistogramParts(int index)
    {
        private readonly List<(double UpperBound, double Cumulative)> _buckets = [];
        private double? _sum;
        private double? _count;

        public int Index { get; } = index;

        public void Add(PrometheusSample sample, string family)
        {
            var suffix = sample.Name[family.Length..];
            if (suffix == "_sum") _sum = sample.Value;
            else if (suffix == "_count") _count = sample.Value;
            else if (suffix == "_bucket" && sample.Labels.TryGetValue(BucketLabel, out var le)
                && double.TryParse(le == "+Inf" ? "Infinity" : le, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bound))
                _buckets.Add((bound, sample.Value));
        }

        public MetricSeries Complete(MetricSeries series)
        {
            _buckets.Sort((a, b) => a.UpperBound.CompareTo(b.UpperBound));
            var count = _count ?? (_buckets.Count > 0 ? _buckets[^1].Cumulative : null);
            return series with
            {
                Count = count,
                Sum = _sum,
                Mean = count > 0 && _sum is { } sum ? sum / count : null,
                P50 = HistogramQuantile.Estimate(_buckets, 0.5),
                P99 = HistogramQuantile.Estimate(_buckets, 0.99),
            };
        }
    }
}
