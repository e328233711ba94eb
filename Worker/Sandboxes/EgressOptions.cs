namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// The network templates with <c>network: egress</c> join (section <c>Sandbox:Docker</c>). The operator creates it, with
/// whatever allow-list the deployment needs (README, "Egress"); every other sandbox stays on no network at all.
/// </summary>
public sealed class EgressOptions
{
    public const string SectionName = "Sandbox:Docker";

    /// <summary>A Docker network's name; empty: egress templates are refused.</summary>
    public string EgressNetwork { get; set; } = "";

    /// <summary>The engine's own networks are never an egress network: the default bridge reaches everything, host is the host.</summary>
    private static readonly string[] Refused = ["bridge", "host", "default", "none"];

    /// <summary>Why egress cannot be given, or null when it can.</summary>
    public string? Problem() =>
        EgressNetwork.Length == 0 ? "This template needs outbound network, and this worker has no egress network (Sandbox:Docker:EgressNetwork is not set)."
        : Refused.Contains(EgressNetwork, StringComparer.OrdinalIgnoreCase) ? $"Sandbox:Docker:EgressNetwork may not be the engine's '{EgressNetwork}' network; name a network the operator created."
        : null;
}
