namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The <c>Config</c> block of a container inspect (what the container was created with).</summary>
public sealed record ContainerConfig
{
    public string? Image { get; set; }

    public IList<string>? Cmd { get; set; }

    public IList<string>? Env { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    public string? User { get; set; }

    public string? WorkingDir { get; set; }

    public bool Tty { get; set; }
}
