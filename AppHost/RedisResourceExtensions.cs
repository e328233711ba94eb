using Aspire.Hosting.Redis;

/// <summary>How this app runs its Redis container: which image, and persisted with an append-only file.</summary>
public static class RedisResourceExtensions
{
    /// <summary>
    /// <c>Redis:Image</c> (<c>name:tag</c>, env <c>Redis__Image</c>) replaces the official image: the set-up script builds
    /// one from Debian packages where no registry answers, and a user may name their own. It needs <c>/bin/sh</c> and
    /// <c>redis-server</c>, as Aspire starts Redis through a shell.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithSandboxRedisImage(this IResourceBuilder<RedisResource> redis)
    {
        var image = redis.ApplicationBuilder.Configuration["Redis:Image"];
        if (string.IsNullOrWhiteSpace(image)) return redis;

        var colon = image.LastIndexOf(':');
        var (name, tag) = colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
        return redis.WithImageRegistry(null).WithImage(name, tag);
    }

    /// <summary>
    /// Append-only file, fsync every second: a Redis restart loses at most the last second, not the queue, sessions or
    /// frames. The data lives next to the AppHost project (<c>.aspire/redis-data</c>, or <c>Redis:DataDirectory</c>)
    /// so each checkout keeps its own; apps started by tests (random ports) each get a temporary directory.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithAppendOnlyPersistence(this IResourceBuilder<RedisResource> redis)
    {
        var builder = redis.ApplicationBuilder;
        var dataDirectory = builder.Configuration["Redis:DataDirectory"] switch
        {
            { Length: > 0 } configured => Path.GetFullPath(configured, builder.AppHostDirectory),
            _ when builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts") => TemporaryDataDirectory(builder),
            _ => Path.Combine(builder.AppHostDirectory, ".aspire", "redis-data"),
        };
        Directory.CreateDirectory(dataDirectory);
        return redis
            .WithDataBindMount(dataDirectory)
            .WithArgs(context =>
            {
                string[] appendOnly = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/data"];
                // Run mode hands DCP redis-server's arguments one by one; a published manifest has them as one
                // `sh -c "redis-server …"` string, which ours must join, not follow (the shell would ignore them).
                var command = context.Args.IndexOf("-c") + 1;
                if (context.ExecutionContext.IsRunMode || command == 0 || command >= context.Args.Count)
                    foreach (var arg in appendOnly) context.Args.Add(arg);
                else
                    context.Args[command] = $"{context.Args[command]} {string.Join(' ', appendOnly)}";
            });
    }

    private static string TemporaryDataDirectory(IDistributedApplicationBuilder builder)
    {
        var path = Path.Combine(Path.GetTempPath(), "aspire-sandbox-redis-" + Guid.NewGuid().ToString("N")[..12]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(path);
        return path;
    }

    private static void TryDelete(string path)
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
