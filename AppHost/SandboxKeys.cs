using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

/// <summary>The secret parameters of a run: the API key clients use, the session-token and secrets-sealing keys.</summary>
internal static class SandboxKeys
{
    /// <summary>
    /// The API key clients (and web) use: <c>Parameters:api-key</c>, else <c>SANDBOX_API_KEY</c> so it survives
    /// restarts, else a new one per run, printed once the app is up (and shown in the dashboard's parameters). A key
    /// the operator supplied is never printed: console output ends up in journals and CI logs.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSandboxApiKey(this IDistributedApplicationBuilder builder)
    {
        const string name = "api-key";
        var fromEnvironment = builder.Configuration["SANDBOX_API_KEY"];
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"]) && !string.IsNullOrWhiteSpace(fromEnvironment))
            builder.Configuration[$"Parameters:{name}"] = fromEnvironment;

        var apiKey = builder.AddParameter(name, new RandomSecret(() => "sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))), secret: true);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"])) return apiKey;
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>(async (_, ct) =>
        {
            var value = await apiKey.Resource.GetValueAsync(ct);
            Console.WriteLine($"API key: {value}");
        });
        return apiKey;
    }

    /// <summary>A 256-bit key (base64): new at every start for local dev, so tokens of an earlier run stop working.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedKey(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new RandomSecret(() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), secret: true);

    /// <summary>
    /// A value made once per run. Published manifests carry no default: a deployment supplies its own secret.
    /// </summary>
    private sealed class RandomSecret(Func<string> generate) : ParameterDefault
    {
        private readonly Lazy<string> _value = new(generate);

        public override string GetDefaultValue() => _value.Value;

        public override void WriteToManifest(ManifestPublishingContext context) { }
    }
}
