using Microsoft.Extensions.Configuration;
/// <summary>The Sandbox-specific plumbing of Program.cs: which configuration each service receives.</summary>
internal static class SandboxResourceExtensions
{
    private const string DefaultSandboxImage = "aspire-sandbox:latest";

    /// <summary>
    /// The API key clients (and web) use: <c>SANDBOX_API_KEY</c> when set, so it survives restarts; otherwise a
    /// new one, printed once everything is up.
    /// </summary>
    public static string GetDevelopmentApiKey(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["SANDBOX_API_KEY"];
        var apiKey = string.IsNullOrWhiteSpace(configured) ? SandboxSecrets.NewApiKey() : configured;
        builder.AddAnnouncement($"API key: {apiKey}");
        return apiKey;
    }

    public static IResourceBuilder<ProjectResource> WithApiKey(this IResourceBuilder<ProjectResource> builder, string apiKey) =>
        builder.WithEnvironment("Sandbox__ApiKeys__0", apiKey);

    public static IResourceBuilder<ProjectResource> WithTokenSigningKey(this IResourceBuilder<ProjectResource> builder, string key) =>
        builder.WithEnvironment("Sandbox__TokenKeys__0", key);

    public static IResourceBuilder<ProjectResource> WithSecretsKey(this IResourceBuilder<ProjectResource> builder, string key) =>
        builder.WithEnvironment("Sandbox__SecretsKey", key);

    /// <summary>The image sandboxes run (<c>SANDBOX_IMAGE</c> overrides) and this run's instance label.</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxImage(this IResourceBuilder<ProjectResource> builder)
    {
        var image = builder.ApplicationBuilder.Configuration["SANDBOX_IMAGE"];
        return builder
            .WithEnvironment("Sandbox__Image", string.IsNullOrWhiteSpace(image) ? DefaultSandboxImage : image)
            .WithEnvironment("Sandbox__AppInstance", SandboxSecrets.NewAppInstanceId());
    }

    /// <summary>Templates added or changed in the AppHost's configuration (<c>--Sandbox:Templates:...</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithSandboxTemplates(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithConfigurationSection("Sandbox:Templates");

    /// <summary>The engine the worker drives: <c>--Sandbox:Docker:Endpoint=unix:///...</c>, else the worker's <c>DOCKER_HOST</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithDockerEndpoint(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithConfigurationSection("Sandbox:Docker");

    /// <summary>Hands a section of the AppHost's configuration to the service as environment variables.</summary>
    private static IResourceBuilder<ProjectResource> WithConfigurationSection(this IResourceBuilder<ProjectResource> builder, string section)
    {
        foreach (var kv in builder.ApplicationBuilder.Configuration.GetSection(section).AsEnumerable())
            if (kv.Value is not null) builder = builder.WithEnvironment(kv.Key.Replace(":", "__"), kv.Value);
        return builder;
    }
}
