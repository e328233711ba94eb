namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>Retention of a session's frame stream (section <c>Sandbox:Frames</c>).</summary>
public sealed class FrameLogOptions
{
    public const string SectionName = "Sandbox:Frames";

    /// <summary>Most frames kept per session; the oldest go first, a few at a time on each append once passed.</summary>
    public int MaxLength { get; set; } = 100_000;

    /// <summary>Most bytes of frame JSON kept per session, enforced the same way as <see cref="MaxLength"/>.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long the stream stays readable after its <c>session-ended</c> frame.</summary>
    public TimeSpan RetentionAfterEnd { get; set; } = TimeSpan.FromDays(7);
}
