namespace Aspire.Hosting;

/// <summary>How the AppHost runs: interactively (defaults) or inside a test (see Testing/).</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Every endpoint gets a free port, whatever was declared or configured.</summary>
    public bool RandomizePorts { get; init; }

    public bool DisableDashboard { get; init; }

    /// <summary>Print the resource table, state changes and the children's output (prefixed with their name).</summary>
    public bool WriteToConsole { get; init; } = true;

    /// <summary>StartAsync throws if the resources are not all healthy by then; null waits as long as it takes.</summary>
    public TimeSpan? StartTimeout { get; init; }
}
