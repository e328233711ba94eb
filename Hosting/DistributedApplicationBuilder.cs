using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<string> _announcements = [];
    private readonly ConfigurationManager _configuration = new();
    private readonly DistributedApplicationOptions _options;
    private readonly TestingSession? _testingSession;
    private bool _built;

    public DistributedApplicationBuilder(DistributedApplicationOptions options, TestingSession? testingSession)
    {
        _options = options;
        _testingSession = testingSession;
        _configuration.AddEnvironmentVariables();
        _configuration.AddCommandLine(options.Args);
    }

    public IConfigurationManager Configuration => _configuration;

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        // Names become environment keys and process labels, so they are unique regardless of case.
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public void AddAnnouncement(string message) => _announcements.Add(message);

    public DistributedApplication Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("Build() can only be called once.");
        }

        _built = true;
        ResourceGraph.GetLevels(_resources);
        var settings = AppHostSettings.From(_configuration, _options);
        new PortAllocator(_configuration, settings.RandomizePorts).AllocateAll(_resources);
        return new DistributedApplication(_resources, settings, _announcements, _testingSession);
    }
}
