namespace Aspire.Hosting.ApplicationModel;

/// <summary>Passed to environment callbacks while one replica's environment is evaluated.</summary>
public sealed class EnvironmentCallbackContext(IDictionary<string, string> environmentVariables, int replica)
{
    public IDictionary<string, string> EnvironmentVariables { get; } = environmentVariables;

    /// <summary>Zero-based replica index.</summary>
    public int Replica { get; } = replica;
}
