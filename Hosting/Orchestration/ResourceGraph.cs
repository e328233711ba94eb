using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Orders resources by their WaitFor edges. Level 0 waits for nothing; a resource's level is one more than
/// the highest level it waits for. Starting goes up the levels (within a level, in parallel once each
/// resource's own dependencies are healthy); stopping goes down them.
/// </summary>
internal static class ResourceGraph
{
    public static IReadOnlyList<IReadOnlyList<Resource>> GetLevels(IReadOnlyList<Resource> resources)
    {
        var levels = new Dictionary<Resource, int>();
        foreach (var resource in resources)
        {
            LevelOf(resource, resources, levels, []);
        }

        return [.. levels.GroupBy(pair => pair.Value)
            .OrderBy(group => group.Key)
            .Select(group => (IReadOnlyList<Resource>)[.. group.Select(pair => pair.Key).OrderBy(r => IndexOf(resources, r))])];
    }

    public static IReadOnlyList<Resource> GetStartOrder(IReadOnlyList<Resource> resources) =>
        [.. GetLevels(resources).SelectMany(level => level)];

    private static int IndexOf(IReadOnlyList<Resource> resources, Resource resource)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i] == resource)
            {
                return i;
            }
        }

        return -1;
    }

    private static int LevelOf(Resource resource, IReadOnlyList<Resource> all, Dictionary<Resource, int> levels, List<Resource> path)
    {
        if (levels.TryGetValue(resource, out var known))
        {
            return known;
        }

        if (path.Contains(resource))
        {
            var cycle = string.Join(" -> ", path.SkipWhile(r => r != resource).Append(resource).Select(r => r.Name));
            throw new InvalidOperationException($"WaitFor cycle: {cycle}.");
        }

        path.Add(resource);
        var level = 0;
        foreach (var dependency in resource.WaitsFor)
        {
            if (dependency is not Resource dependencyResource || !all.Contains(dependencyResource))
            {
                throw new InvalidOperationException(
                    $"'{resource.Name}' waits for '{dependency.Name}', which is not a resource of this application.");
            }

            level = Math.Max(level, LevelOf(dependencyResource, all, levels, path) + 1);
        }

        path.RemoveAt(path.Count - 1);
        levels[resource] = level;
        return level;
    }
}
