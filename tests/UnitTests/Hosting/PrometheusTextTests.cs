using Aspire.Hosting.Dashboard.Metrics;

namespace Aspire.Sandbox.UnitTests.Hosting;

public sealed class PrometheusTextTests
{
    // The shape OpenTelemetry's Prometheus exporter answers (trimmed from a real /metrics).
    private const string Exposition = """
        # TYPE target_info gauge
        # HELP target_info Target metadata
        target_info{service_name="worker",telemetry_sdk_language="dotnet"} 1
        # TYPE sandbox_worker_frames_published_total counter
        # HELP sandbox_worker_frames_published_total Frames appended to their session's stream and published live.
        sandbox_worker_frames_published_total{otel_scope_name="Aspire.Sandbox.Worker"} 1234 1700000000000
        # TYPE sandbox_worker_runs_finished_total counter
        sandbox_worker_runs_finished_total{otel_scope_name="Aspire.Sandbox.Worker",outcome="exited"} 3
        sandbox_worker_runs_finished_total{otel_scope_name="Aspire.Sandbox.Worker",outcome="timeout"} 1
        # TYPE sandbox_worker_sandbox_start_duration_seconds histogram
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready",le="0.5"} 0
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready",le="1"} 2
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready",le="2"} 4
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready",le="+Inf"} 4
        sandbox_worker_sandbox_start_duration_seconds_sum{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready"} 5.5
        sandbox_worker_sandbox_start_duration_seconds_count{otel_scope_name="Aspire.Sandbox.Worker",outcome="ready"} 4
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed",le="0.5"} 1
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed",le="1"} 1
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed",le="2"} 1
        sandbox_worker_sandbox_start_duration_seconds_bucket{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed",le="+Inf"} 1
        sandbox_worker_sandbox_start_duration_seconds_sum{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed"} 0.25
        sandbox_worker_sandbox_start_duration_seconds_count{otel_scope_name="Aspire.Sandbox.Worker",outcome="step-failed"} 1
        # TYPE dotnet_gc_heap_size_bytes gauge
        dotnet_gc_heap_size_bytes NaN
        # EOF
        """;

    [Fact]
    public void ReadsSamplesWithTheirLabelsValuesAndFamilies()
    {
        var parsed = PrometheusText.Parse(Exposition);

        Assert.Equal(17, parsed.Samples.Count);
        var published = parsed.Samples[1];
        Assert.Equal("sandbox_worker_frames_published_total", published.Name);
        Assert.Equal(1234, published.Value);
        Assert.Equal("Aspire.Sandbox.Worker", published.Labels["otel_scope_name"]);
        Assert.Equal("+Inf", parsed.Samples[7].Labels["le"]);
        Assert.True(double.IsNaN(parsed.Samples[^1].Value));
        Assert.Equal("histogram", parsed.Types["sandbox_worker_sandbox_start_duration_seconds"]);
        Assert.Equal("Frames appended to their session's stream and published live.", parsed.Help["sandbox_worker_frames_published_total"]);
    }

    [Fact]
    public void LabelValuesKeepTheirEscapedCharacters()
    {
        var sample = Assert.Single(PrometheusText.Parse("""m{path="C:\\tmp",say="a \"b\"\nc", empty=""} -Inf""").Samples);

        Assert.Equal(@"C:\tmp", sample.Labels["path"]);
        Assert.Equal("a \"b\"\nc", sample.Labels["say"]);
        Assert.Equal("", sample.Labels["empty"]);
        Assert.Equal(double.NegativeInfinity, sample.Value);
    }

    [Theory]
    [InlineData("m{a=\"1\" 2")]
    [InlineData("m{a=1} 2")]
    [InlineData("m{a=\"1\"} two")]
    [InlineData("m")]
    [InlineData("{a=\"1\"} 2")]
    [InlineData("m 1 2 3")]
    public void AMalformedLineFailsTheWholeAnswer(string line)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse("ok 1\n" + line));
        Assert.StartsWith("Line 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HistogramsBecomeOneSeriesPerLabelSetWithCountSumMeanAndQuantiles()
    {
        var series = MetricSummaries.From(PrometheusText.Parse(Exposition), prefix: "sandbox_worker_sandbox_start");

        Assert.Equal(2, series.Count);
        var ready = series[0];
        Assert.Equal(("sandbox_worker_sandbox_start_duration_seconds", "histogram"), (ready.Name, ready.Type));
        Assert.Equal(new Dictionary<string, string> { ["outcome"] = "ready" }, ready.Labels);
        Assert.Equal("Aspire.Sandbox.Worker", ready.Scope);
        Assert.Equal((4, 5.5, 1.375), (ready.Count, ready.Sum, ready.Mean));
        // Rank 2 of 4 is the top of the (0.5, 1] bucket; rank 3.96 interpolates in (1, 2].
        Assert.Equal(1, ready.P50);
        Assert.Equal(1.98, ready.P99!.Value, 6);
        Assert.Null(ready.Value);
        Assert.Equal("step-failed", series[1].Labels["outcome"]);
        Assert.Equal(0.25, series[1].P50);
    }

    [Fact]
    public void CountersAndGaugesAreOneSeriesPerSample()
    {
        var series = MetricSummaries.From(PrometheusText.Parse(Exposition));

        var finished = series.Where(s => s.Name == "sandbox_worker_runs_finished_total").ToArray();
        Assert.Equal([3.0, 1.0], finished.Select(s => s.Value!.Value));
        Assert.Equal(["exited", "timeout"], finished.Select(s => s.Labels["outcome"]));
        Assert.All(finished, s => Assert.Equal("counter", s.Type));
        // target_info, published, 2 × finished, 2 × start histogram (one series each, not one per bucket), heap size.
        Assert.Equal(7, series.Count);
    }

    [Fact]
    public void QuantilesBeyondTheLastFiniteBoundSayThatBound()
    {
        (double, double)[] buckets = [(0.1, 1), (1, 1), (double.PositiveInfinity, 10)];

        Assert.Equal(1, HistogramQuantile.Estimate(buckets, 0.99));
        Assert.Equal(0.05, HistogramQuantile.Estimate(buckets, 0.05)!.Value, 6);
        Assert.Null(HistogramQuantile.Estimate([(1, 0), (double.PositiveInfinity, 0)], 0.5));
        Assert.Null(HistogramQuantile.Estimate([], 0.5));
    }
}
