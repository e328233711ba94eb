namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The <c>State</c> block of a container inspect.</summary>
public sealed record ContainerState
{
    /// <summary><c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c> or <c>dead</c>.</summary>
    public string Status { get; set; } = "";

    public bool Running { get; set; }

    public bool Paused { get; set; }

    public bool OOMKilled { get; set; }

    public bool Dead { get; set; }

    public int Pid { get; set; }

    public int ExitCode { get; set; }

    public string? Error { get; set; }

    /// <summary>RFC 3339 with nanoseconds, kept as text because it has more digits than DateTimeOffset holds.</summary>
    public string? StartedAt { get; set; }

    public string? FinishedAt { get; set; }
}
