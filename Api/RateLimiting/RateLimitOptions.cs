namespace Aspire.Sandbox.Api.RateLimiting;

/// <summary>
/// Request budgets (<c>Sandbox:RateLimits</c>), each a fixed window per caller: per API key, per session
/// token, and per client address for requests without a valid credential. The Web app sends every
/// browser's session creation with one API key, hence the generous default.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Sandbox:RateLimits";

    public RateLimitRule ApiKey { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule SessionToken { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule Anonymous { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    public bool IsValid() => ApiKey.IsValid() && SessionToken.IsValid() && Anonymous.IsValid();
}

public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid() => PermitLimit > 0 && Window > TimeSpan.Zero;
}
