using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Where each Redis keeps its data (<see cref="RedisResource.DataDirectory"/>). Declared directories are used as
/// they are. With <paramref name="temporary"/> (random ports: applications side by side, as in tests) each resource
/// gets a fresh temporary directory instead, so no two redis-servers share an append-only file and every test starts
/// empty; it lives as long as the application, so a restart of the resource still finds its data.
/// </summary>
internal sealed class DataDirectories(bool temporary)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Resource, string> _temporary = [];

    /// <summary>The directory to start <paramref name="redis"/> in, created if missing; null: in memory only.</summary>
    public string? For(RedisResource redis)
    {
        if (redis.DataDirectory is not { } declared)
        {
            return null;
        }

        if (!temporary)
        {
            try
            {
                return Directory.CreateDirectory(declared).FullName;
            }
            catch (UnauthorizedAccessException ex)
            {
                // As an IOException the supervisor reports it as a failed start, with the path in the message.
                throw new IOException($"Cannot create the data directory of '{redis.Name}': {ex.Message}", ex);
            }
        }

        lock (_gate)
        {
            if (!_temporary.TryGetValue(redis, out var directory))
            {
                directory = Directory.CreateTempSubdirectory($"aspire-sandbox-{redis.Name}-data-").FullName;
                _temporary.Add(redis, directory);
            }

            return directory;
        }
    }

    /// <summary>Once every process is gone: the temporary directories go too.</summary>
    public void RemoveTemporary()
    {
        lock (_gate)
        {
            foreach (var directory in _temporary.Values)
            {
                TryDelete(directory);
            }

            _temporary.Clear();
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
