using Aspire.Hosting.Publishing;

internal static class ReplicaManifestExtensions
{
    /// <summary>
    /// <see cref="ResourceBuilderExtensions.WithReplicas{T}"/>, and the count in the published manifest too: Aspire 13.6
    /// writes a project as <c>project.v0</c> (type, path, env, bindings, args), which has no replica count, so
    /// <c>--Workers=2</c> would be lost on the way to a deployment. This writes the same entry, through the same
    /// writers, plus <c>"replicas": N</c>. A deployment tool that does not know the field deploys one instance.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithManifestReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        var project = builder.Resource;
        return builder.WithReplicas(replicas).WithManifestPublishingCallback(async context =>
        {
            context.Writer.WriteString("type", "project.v0");
            context.Writer.WriteString("path", context.GetManifestRelativePath(project.GetProjectMetadata().ProjectPath));
            await context.WriteEnvironmentVariablesAsync(project);
            context.WriteBindings(project);
            await context.WriteCommandLineArgumentsAsync(project);
            context.Writer.WriteNumber("replicas", replicas);
        });
    }
}
