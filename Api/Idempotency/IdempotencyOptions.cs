namespace Aspire.Sandbox.Api.Idempotency;

/// <summary><c>Sandbox:Idempotency</c>: how long first answers are kept for retries.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Sandbox:Idempotency";
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>How long a retry gets the first answer back.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request in progress holds its key; frees the key if that Api instance died mid-request.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
