namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>Docker labels on every sandbox container: who it belongs to, so it can always be found.</summary>
public static class SandboxLabels
{
    public const string Session = "aspire-sandbox.session";
    public const string App = "aspire-sandbox.app";
}
