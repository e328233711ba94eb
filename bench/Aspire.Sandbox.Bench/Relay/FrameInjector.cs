using System.Diagnostics;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Publishing;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Frames enter where a sandbox's output would: the worker's own <see cref="FramePublisher"/>, at a steady
/// rate (paced every millisecond on a thread of its own), round-robin over the sessions. Counts per session
/// the frames whose source time falls in the measured window.
/// </summary>
public static class FrameInjector
{
    /// <summary>About 100 bytes of output per frame, like the peers' measurements.</summary>
    public static readonly string Payload = new('x', 100);

    public static Task<long[]> RunAsync(FramePublisher publisher, IReadOnlyList<string> sessions, int rate, TimeSpan duration, Window window) =>
        Task.Factory.StartNew(() => Run(publisher, sessions, rate, duration, window), TaskCreationOptions.LongRunning);

    private static long[] Run(FramePublisher publisher, IReadOnlyList<string> sessions, int rate, TimeSpan duration, Window window)
    {
        var inWindow = new long[sessions.Count];
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = (long)(rate * clock.Elapsed.TotalSeconds);
            for (; sent < due; sent++)
            {
                var index = (int)(sent % sessions.Count);
                var frame = new StdoutFrame { Session = sessions[index], Run = "run_bench", Data = Payload };
                if (window.Contains(frame.Ts)) inWindow[index]++;
                publisher.Publish(frame);
            }
            Thread.Sleep(1);
        }
        return inWindow;
    }
}
