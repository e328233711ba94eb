using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>The command line of each kind of resource.</summary>
internal static class ProcessLaunchFactory
{
    public static ProcessLaunch Create(ResourceReplica replica, OrchestratorContext context) => replica.Resource switch
    {
        ProjectResource project => ForProject(project, context.Settings),
        RedisResource redis => ForRedis(redis, replica, context),
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

    // On loopback, never an RDB snapshot (it forks and copies everything; the AOF alone is enough). With a data
    // directory: AOF fsynced every second (a power loss costs a second or two, a clean stop nothing), in a
    // directory that outlives the process. Without: in memory only, in a throw-away directory per start.
    private static ProcessLaunch ForRedis(RedisResource redis, ResourceReplica replica, OrchestratorContext context)
    {
        var dataDirectory = context.DataDirectories.For(redis);
        var directory = dataDirectory ?? Directory.CreateTempSubdirectory($"aspire-sandbox-{redis.Name}-").FullName;
        var port = redis.PrimaryEndpoint.AllocatedPorts[replica.Index];
        string[] persistence = dataDirectory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--appendfsync", "everysec"];
        string[] arguments =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", EndpointAnnotation.Host,
            "--save", string.Empty,
            .. persistence,
            "--dir", directory,
        ];
        Action? cleanup = dataDirectory is null ? () => DataDirectories.TryDelete(directory) : null;
        return new ProcessLaunch(context.Settings.RedisServerPath, arguments, directory, cleanup);
    }
}
