using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Gives every endpoint of every replica a port at Build() time, so environments can be evaluated (and
/// tested) before anything starts. Overrides: <c>Ports:{resource}</c> or <c>{RESOURCE}_PORT</c> (see
/// <see cref="KnownConfigNames.PortsSection"/>); random mode ignores every declared port.
/// </summary>
internal sealed class PortAllocator(IConfiguration configuration, bool randomize)
{
    private readonly HashSet<int> _taken = [];

    public void AllocateAll(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            // Projects always get an HTTP port, so a worker with no endpoint of its own still serves /health.
            if (resource is ProjectResource && resource.EndpointList.Count == 0)
            {
                resource.EndpointList.Add(new EndpointAnnotation("http", "http", port: null, isImplicit: true));
            }

            for (var i = 0; i < resource.EndpointList.Count; i++)
            {
                var endpoint = resource.EndpointList[i];
                var port = RequestedPort(resource, endpoint, isPrimary: i == 0);
                if (port is not null && resource.Replicas > 1)
                {
                    throw new InvalidOperationException(
                        $"'{resource.Name}' has {resource.Replicas} replicas and a fixed port {port}: replicas need free ports (there is no proxy).");
                }

                endpoint.AllocatedPorts = [.. Enumerable.Range(0, resource.Replicas).Select(_ => port ?? GetFreePort())];
            }
        }
    }

    private int? RequestedPort(Resource resource, EndpointAnnotation endpoint, bool isPrimary)
    {
        if (randomize)
        {
            return null;
        }

        var configured = isPrimary
            ? configuration[$"{KnownConfigNames.PortsSection}:{resource.Name}"] ?? configuration[KnownConfigNames.PortVariable(resource.Name)]
            : null;
        if (configured is null)
        {
            return endpoint.Port;
        }

        if (!int.TryParse(configured, out var port) || port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Port override for '{resource.Name}' is not a port number: '{configured}'.");
        }

        return port == 0 ? null : port;
    }

    // The OS picks a free loopback port; remembering the ones handed out avoids giving the same one twice
    // (the probe socket is closed again before the child binds it).
    private int GetFreePort()
    {
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (_taken.Add(port))
            {
                return port;
            }
        }
    }
}
