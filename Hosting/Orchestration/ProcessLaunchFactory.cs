using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>The command line of each kind of resource.</summary>
internal static class ProcessLaunchFactory
{
    public static ProcessLaunch Create(ResourceReplica replica, AppHostSettings settings) => replica.Resource switch
    {
        ProjectResource project => ForProject(project, settings),
        RedisResource redis => ForRedis(redis, replica, settings),
        _ => throw new NotSupportedException($"Resource type {replica.Resource.GetType().Name} cannot be started."),
    };

    // The AppHost build builds the projects it references, so the assembly is there; run it with the same
    // dotnet host as the AppHost rather than `dotnet run`, which would build again on every start.
    private static ProcessLaunch ForProject(ProjectResource project, AppHostSettings settings)
    {
        var assembly = project.Metadata.AssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"'{project.Name}' is not built: {assembly} does not exist. Build the AppHost; it builds the projects it starts.");
        }

        var workingDirectory = Path.GetDirectoryName(project.Metadata.ProjectPath) ?? Environment.CurrentDirectory;
        return new ProcessLaunch(settings.DotnetHostPath, [assembly], workingDirectory);
    }

    // In memory only (no RDB, no AOF) in a throw-away directory, on loopback: a development and test Redis.
    private static ProcessLaunch ForRedis(RedisResource redis, ResourceReplica replica, AppHostSettings settings)
    {
        var directory = Directory.CreateTempSubdirectory($"aspire-sandbox-{redis.Name}-").FullName;
        var port = redis.PrimaryEndpoint.AllocatedPorts[replica.Index];
        string[] arguments =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", EndpointAnnotation.Host,
            "--save", string.Empty,
            "--appendonly", "no",
            "--dir", directory,
        ];
        return new ProcessLaunch(settings.RedisServerPath, arguments, directory, () => TryDelete(directory));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp directory is harmless.
        }
    }
}
