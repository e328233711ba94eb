namespace Aspire.Sandbox.Worker.Docker;

/// <summary>What <c>GET /exec/{id}/json</c> returns. <see cref="ExitCode"/> is known only once <see cref="Running"/> is false.</summary>
public sealed record ExecInspectResponse
{
    /// <summary>The engine spells it <c>ID</c>; reading is case-insensitive.</summary>
    public string? Id { get; set; }

    public string? ContainerId { get; set; }

    public bool Running { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>Host PID of the exec'd process (0 when it has not started or has ended).</summary>
    public int Pid { get; set; }
}
