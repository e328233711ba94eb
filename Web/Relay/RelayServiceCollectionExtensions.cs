using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Relay;

public static class RelayServiceCollectionExtensions
{
    /// <summary>The frame relay: feeds per session, the connection registry it writes to, and the periodic stream check.</summary>
    public static IServiceCollection AddRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RelayOptions>(configuration.GetSection(RelayOptions.SectionName));
        services.AddSingleton<FrameLog>();
        services.AddSingleton<HubConnections>();
        services.AddSingleton<RelayMetrics>();
        services.AddSingleton<RelayTracing>();
        services.AddSingleton<FrameRelay>();
        // A closed registration wins over AddSignalR's open DefaultHubLifetimeManager<>.
        services.AddSingleton<HubLifetimeManager<SessionsHub>, RelayHubLifetimeManager>();
        services.AddHostedService<FeedChecker>();
        return services;
    }
}
