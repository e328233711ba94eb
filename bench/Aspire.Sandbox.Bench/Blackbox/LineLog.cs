namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// The <c>T &lt;µs&gt; &lt;n&gt;</c> lines one reader got (bench/blackbox/lines.mjs), in arrival order: each line's n,
/// its print stamp, when its last part arrived and, for hub viewers, its frame's <c>ts</c> (the worker's read time) and
/// the millisecond part of its stream id (Redis's clock when the worker's append ran).
/// </summary>
public sealed record LineLog(long[] N, long[] PrintUs, long[] RecvUs, long[]? TsUs, long[]? AppendMs, int OtherLines, int Unfinished);

/// <summary>What the viewers script reports: one log per viewer, how late its own event loop ran, its CPU (% of one core).</summary>
public sealed record ViewersResult(bool TimedOut, LoopDelay LoopDelay, double CpuPercent, ViewerLog[] Viewers);

public sealed record ViewerLog(long[] N, long[] PrintUs, long[] RecvUs, long[]? TsUs, long[]? AppendMs, int OtherLines, int Unfinished,
    int Frames, int Messages, bool Exited, string? Closed)
{
    public LineLog Lines => new(N, PrintUs, RecvUs, TsUs, AppendMs, OtherLines, Unfinished);
}

/// <summary>What the floor script reports: the docker CLI's lines and its exit code.</summary>
public sealed record FloorResult(LineLog Floor, int? ExitCode, LoopDelay LoopDelay);

public sealed record LoopDelay(double P50Ms, double P99Ms, double MaxMs);
