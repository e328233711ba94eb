namespace Aspire.Hosting;

/// <summary>The last health probe result of a resource (GET /health for projects, PING for Redis).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ResourceHealthStatus>))]
public enum ResourceHealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
