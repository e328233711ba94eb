namespace Aspire.Hosting;

/// <summary>The application could not start: a resource failed, or was not healthy in time. The message carries its recent output.</summary>
public sealed class DistributedApplicationException(string message) : Exception(message);
