using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

internal static class HealthProbeFactory
{
    public static IHealthProbe Create(ResourceReplica replica) => replica.Resource switch
    {
        ProjectResource project => new HttpHealthProbe(new Uri(
            project.Endpoints.First(e => e.Scheme == "http").GetUrl(replica.Index), project.HealthCheckPath)),
        RedisResource redis => new RedisPingProbe(redis.PrimaryEndpoint.AllocatedPorts[replica.Index]),
        _ => throw new NotSupportedException($"No health probe for {replica.Resource.GetType().Name}."),
    };
}
