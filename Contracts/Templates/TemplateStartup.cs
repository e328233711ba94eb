namespace Aspire.Sandbox.Contracts.Templates;

/// <summary>
/// Optional start-up steps of a template, after its files are written (seed 000's flow):
/// a setup command, a server started in the background, and a readiness probe.
/// </summary>
public sealed class TemplateStartup
{
    /// <summary>Run once with <c>bash -lc</c> (step <c>installing_dependencies</c>); a non-zero exit fails the session.</summary>
    public string? SetupCommand { get; set; }

    /// <summary>Started in the background with <c>bash -lc</c> (step <c>starting_server</c>); its output goes to <see cref="ServerLogPath"/>.</summary>
    public string? ServerCommand { get; set; }

    /// <summary>Ready when this port answers on the sandbox's loopback (step <c>waiting_for_ready</c>).</summary>
    public int? ReadyPort { get; set; }

    /// <summary>Ready when this command (<c>bash -lc</c>) exits 0.</summary>
    public string? ReadyCommand { get; set; }

    public int ReadyTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Ports of the sandbox's loopback to expose as preview URLs once the steps above succeeded (step <c>exposing_port</c>);
    /// the <c>ready</c> frame carries their URLs. Null (not empty: the configuration binder appends to a list it finds) means none.
    /// </summary>
    public List<int>? Expose { get; set; }

    public const string ServerLogPath = "/tmp/server.log";

    public bool HasProbe => ReadyPort is not null || ReadyCommand is not null;
}
