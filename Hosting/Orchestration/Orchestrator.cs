using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>Starts every resource (each after what it waits for is healthy) and stops them in reverse order.</summary>
internal sealed class Orchestrator
{
    private readonly IReadOnlyList<IReadOnlyList<Resource>> _levels;
    private readonly Dictionary<Resource, ResourceRunner> _runners;
    private readonly CancellationTokenSource _shuttingDown = new();
    private readonly OrchestratorContext _context;
    private bool _started;

    public Orchestrator(IReadOnlyList<Resource> resources, AppHostSettings settings, ResourceNotifications notifications, ConsoleReporter? console)
    {
        _levels = ResourceGraph.GetLevels(resources);
        _runners = resources.ToDictionary(r => r, r => new ResourceRunner(r));
        _context = new OrchestratorContext(settings, notifications, console, _shuttingDown.Token, new DataDirectories(settings.RandomizePorts));
        Runners = [.. resources.Select(r => _runners[r])];
    }

    /// <summary>In declaration order.</summary>
    public IReadOnlyList<ResourceRunner> Runners { get; }

    public IEnumerable<ResourceReplica> Replicas => Runners.SelectMany(r => r.Replicas);

    public ResourceRunner Get(string resourceName) =>
        Runners.FirstOrDefault(r => string.Equals(r.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"No resource named '{resourceName}'; there are: {string.Join(", ", Runners.Select(r => r.Resource.Name))}.",
            nameof(resourceName));

    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The application has already been started.");
        }

        _started = true;
        EnsurePortsAreFree();
        foreach (var runner in _levels.SelectMany(level => level).Select(r => _runners[r]))
        {
            var dependencies = runner.Resource.WaitsFor.Select(d => _runners[(Resource)d]).ToList();
            runner.Start(dependencies, _context);
        }
    }

    /// <summary>
    /// Called as soon as a stop is requested. On a terminal, Ctrl+C reaches every child at the same time as the
    /// AppHost, so children may exit before their turn to be stopped comes.
    /// </summary>
    public void BeginShutdown() => _shuttingDown.Cancel();

    /// <summary>Dependents first: a level stops only once every level above it is gone.</summary>
    public async Task StopAsync()
    {
        BeginShutdown();
        foreach (var level in _levels.Reverse())
        {
            await Task.WhenAll(level.Select(r => _runners[r].StopAsync())).ConfigureAwait(false);
        }

        _context.DataDirectories.RemoveTemporary();
    }

    public void Kill()
    {
        foreach (var runner in Runners)
        {
            runner.Kill();
        }
    }

    // Fail before starting anything, with the fix in the message, rather than with a child's bind error.
    private void EnsurePortsAreFree()
    {
        foreach (var runner in Runners)
        {
            foreach (var endpoint in runner.Resource.Endpoints)
            {
                foreach (var port in endpoint.AllocatedPorts)
                {
                    try
                    {
                        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    }
                    catch (SocketException)
                    {
                        var name = runner.Resource.Name;
                        throw new DistributedApplicationException(
                            $"Port {port} for '{name}' is in use. Stop what holds it, or choose another port: " +
                            $"--{KnownConfigNames.PortsSection}:{name}=<port> or {KnownConfigNames.PortVariable(name)}=<port> (0 = any free port).");
                    }
                }
            }
        }
    }
}
