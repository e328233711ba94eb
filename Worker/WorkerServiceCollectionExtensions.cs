using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Workers;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Previews;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Queue;
using Aspire.Sandbox.Worker.Runs;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker;

public static class WorkerServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<WorkerOptions>(builder.Configuration.GetSection(WorkerOptions.SectionName));
        services.Configure<SandboxSecurityOptions>(builder.Configuration.GetSection(SandboxSecurityOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        // Only Worker/Docker knows the Docker client library; everything else asks the engine through ISandboxEngine.
        services.AddSingleton<ISandboxEngine>(_ => new DockerSandboxEngine(DockerEngineOptions.FromConfiguration(builder.Configuration)));

        services.Configure<FrameLogOptions>(builder.Configuration.GetSection(FrameLogOptions.SectionName));
        services.Configure<FramePublisherOptions>(builder.Configuration.GetSection(FramePublisherOptions.SectionName));
        services.Configure<WorkLeaseOptions>(builder.Configuration.GetSection(WorkLeaseOptions.SectionName));
        services.Configure<EngineMonitorOptions>(builder.Configuration.GetSection(EngineMonitorOptions.SectionName));
        services.AddSingleton<FrameLog>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkLease>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SecretSealer>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<SandboxManager>();
        services.AddSingleton<SessionContainers>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<SandboxCommand>();
        services.AddSingleton<StartupSteps>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<ProcessSignaller>();
        services.AddSingleton<RunStopper>();
        services.AddSingleton<WorkspaceQuotaWatch>();
        services.AddSingleton<OomKillCounter>();
        services.AddSingleton<SessionWorkDispatcher>();
        services.AddSingleton<EngineStatusBoard>();
        services.AddSingleton<EngineMonitor>();

        // Previews: the sandbox's relay, the endpoint the Web forwards to, and this worker's address in Redis.
        services.Configure<PreviewOptions>(builder.Configuration.GetSection(PreviewOptions.SectionName));
        services.Configure<WorkerPreviewOptions>(builder.Configuration.GetSection(WorkerPreviewOptions.SectionName));
        services.Configure<EgressOptions>(builder.Configuration.GetSection(EgressOptions.SectionName));
        services.AddHttpForwarder();
        services.AddSingleton<PreviewStore>();
        services.AddSingleton<PreviewRelay>();
        services.AddSingleton<PreviewConnector>();
        services.AddSingleton<PreviewActivity>();
        services.AddSingleton<PortExposer>();
        services.AddHostedService<PreviewRegistration>();

        // The publisher is registered first so it stops last and drains what the consumer's runs produced.
        services.AddSingleton<FramePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<FramePublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<EngineMonitor>());
        services.AddHostedService<ControlListener>();
        services.AddHostedService<SandboxJanitor>();
        services.AddHostedService<WorkQueueConsumer>();

        services.AddHealthChecks().AddCheck<DockerEngineHealthCheck>("docker");
        return builder;
    }
}
