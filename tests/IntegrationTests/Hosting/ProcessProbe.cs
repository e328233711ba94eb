namespace Aspire.Sandbox.IntegrationTests.Hosting;

internal static class ProcessProbe
{
    /// <summary>True while a process with this id exists (zombies included: it has not been reaped).</summary>
    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");
}
