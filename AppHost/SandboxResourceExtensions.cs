/// <summary>The Sandbox-specific plumbing of Program.cs: which configuration each service receives.</summary>
internal static class SandboxResourceExtensions
{
    private const string DefaultSandboxImage = "aspire-sandbox:latest";

    /// <summary>
    /// The image sandboxes run (<c>SANDBOX_IMAGE</c> overrides) and the label of this app's sandbox containers: the
    /// machine, the AppHost's PID and start time, so a later run can tell the containers of an AppHost that no longer
    /// runs (killed with SIGKILL) from those of a live one (<see cref="SandboxOwner"/>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSandboxImage(this IResourceBuilder<ProjectResource> builder, string appInstance)
    {
        var image = builder.ApplicationBuilder.Configuration["SANDBOX_IMAGE"];
        return builder
            .WithEnvironment("Sandbox__Image", string.IsNullOrWhiteSpace(image) ? DefaultSandboxImage : image)
            .WithEnvironment("Sandbox__AppInstance", appInstance);
    }

    /// <summary>Templates added or changed in the AppHost's configuration (<c>--Sandbox:Templates:...</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxTemplates(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithConfigurationSection("Sandbox:Templates");

    /// <summary>The engine the worker drives: <c>--Sandbox:Docker:Endpoint=unix:///...</c>, else the worker's <c>DOCKER_HOST</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithDockerEndpoint(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithConfigurationSection("Sandbox:Docker");

    /// <summary>
    /// What a service needs to write preview URLs: the port browsers reach the Web at (the Web's own endpoint), the preview
    /// domain if the AppHost's configuration names one, and for workers the key the Web presents. An egress network
    /// (<c>--Sandbox:Docker:EgressNetwork</c>) also lets the Api accept templates that need it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPreviews(this IResourceBuilder<ProjectResource> builder,
        IResourceBuilder<ProjectResource> web, IResourceBuilder<ParameterResource>? previewKey)
    {
        builder = builder.WithEnvironment("Sandbox__Preview__Port", web.GetEndpoint("http").Property(EndpointProperty.Port))
            .WithConfigurationSection("Sandbox:Preview");
        if (previewKey is not null) builder = builder.WithEnvironment("Sandbox__Preview__Key", previewKey);
        if (!string.IsNullOrWhiteSpace(builder.ApplicationBuilder.Configuration["Sandbox:Docker:EgressNetwork"]))
            builder = builder.WithEnvironment("Sandbox__AllowEgress", "true");
        return builder;
    }

    /// <summary>Hands a section of the AppHost's configuration to the service as environment variables.</summary>
    private static IResourceBuilder<ProjectResource> WithConfigurationSection(this IResourceBuilder<ProjectResource> builder, string section)
    {
        foreach (var kv in builder.ApplicationBuilder.Configuration.GetSection(section).AsEnumerable())
            if (kv.Value is not null) builder = builder.WithEnvironment(kv.Key.Replace(":", "__"), kv.Value);
        return builder;
    }
}
