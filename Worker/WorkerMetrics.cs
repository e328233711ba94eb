using System.Diagnostics.Metrics;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Runs;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker;

/// <summary>
/// The worker's instruments (meter <c>Aspire.Sandbox.Worker</c>, picked up by ServiceDefaults' wildcard).
/// Counts that already exist elsewhere are observed when scraped rather than recorded as they change, so the
/// frame path pays nothing for them.
/// </summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "Aspire.Sandbox.Worker";

    /// <summary>Seconds; from a fraction of a second (image present, no steps) to minutes (slow start-up steps).</summary>
    private static readonly double[] StartBuckets = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300];

    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _sandboxStart;

    public WorkerMetrics(IMeterFactory meters, FramePublisher publisher, ActiveRuns runs, SessionContainers containers)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("sandbox.worker.frames.published", () => publisher.FramesPublished, "{frame}",
            "Frames appended to their session's stream and published live.");
        meter.CreateObservableUpDownCounter("sandbox.worker.publisher.buffered", () => publisher.BufferedBytes, "By",
            "Bytes of frames waiting for Redis.");
        meter.CreateObservableUpDownCounter("sandbox.worker.runs.running", () => runs.Count, "{run}",
            "Runs this worker is executing.");
        meter.CreateObservableUpDownCounter("sandbox.worker.sandboxes.active", () => containers.Count, "{sandbox}",
            "Sandbox containers this worker holds, running or asleep.");
        _runsFinished = meter.CreateCounter<long>("sandbox.worker.runs.finished", "{run}",
            "Runs ended with their process-exit frame, by outcome (its reason: exited, stopped, timeout, oom, failed, worker-lost).");
        _sandboxStart = meter.CreateHistogram("sandbox.worker.sandbox.start.duration", "s",
            "From taking a session's create work to its sandbox being ready (or failing), by outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StartBuckets });
    }

    public void RunFinished(string outcome) => _runsFinished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SandboxStartEnded(string outcome, TimeSpan elapsed) =>
        _sandboxStart.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
}
