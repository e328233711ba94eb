// The resource graph of Aspire Sandbox: infrastructure first, then one chain per service.
// Local ports: web 5080 (WEB_PORT), api 5081 (API_PORT), dashboard 18888 (Properties/launchSettings.json).
// Workers: one; --Workers=2 runs two.
var builder = DistributedApplication.CreateBuilder(args);

// Keys every run needs. Secret parameters: generated for local dev, supplied by a deployment (SANDBOX_API_KEY wins).
var apiKey = builder.AddSandboxApiKey();
var tokenKey = builder.AddGeneratedKey("token-signing-key");
var secretsKey = builder.AddGeneratedKey("secrets-key");
// The Web presents it to workers with every preview request it forwards (Sandbox:Preview:Key).
var previewKey = builder.AddGeneratedKey("preview-key");

// Infrastructure. Redis persists (append-only file) in AppHost/.aspire/redis-data, so a restart keeps the work
// queue, sessions and frame streams; each test app gets a temporary directory of its own.
// Labels this app's sandbox containers: Ctrl+C, SIGTERM and the next start (after a SIGKILL) remove them by it.
var appInstance = builder.AddSandboxReaper();

var redis = builder.AddRedis("redis")
    .WithSandboxRedisImage()
    .WithAppendOnlyPersistence();

// Services. The Api and the Web listen on their fixed ports themselves (isProxied: false): behind DCP's proxy every
// live frame to a browser crossed one more process (BENCHMARKS.md, "Black-box whole path").
var api = builder.AddProject<Projects.Aspire_Sandbox_Api>("api")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("API_PORT", 5081), isProxied: false)
    .WithHttpHealthCheck("/health")
    .WithReference(redis)
    .WaitFor(redis)
    .WithEnvironment("Sandbox__ApiKeys__0", apiKey)
    .WithEnvironment("Sandbox__TokenKeys__0", tokenKey)
    .WithEnvironment("Sandbox__SecretsKey", secretsKey)
    .WithSandboxTemplates();

var worker = builder.AddProject<Projects.Aspire_Sandbox_Worker>("worker")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithReference(redis)
    .WaitFor(redis)
    .WithEnvironment("Sandbox__SecretsKey", secretsKey)
    .WithSandboxTemplates()
    .WithSandboxImage(appInstance)
    .WithDockerEndpoint()
    .WithManifestReplicas(builder.Configuration.GetValue("Workers", 1));

// Apps
var web = builder.AddProject<Projects.Aspire_Sandbox_Web>("web")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("WEB_PORT", 5080), isProxied: false)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(redis)
    .WithReference(api)
    .WaitFor(api)
    .WithEnvironment("Sandbox__ApiKey", apiKey)
    .WithEnvironment("Sandbox__TokenKeys__0", tokenKey);

// Preview URLs (http://{port}-{session}.preview.localhost:{web port}/): the Web forwards them to the worker holding the sandbox.
worker.WithPreviews(web, previewKey);
web.WithPreviews(web, previewKey);
api.WithPreviews(web, previewKey: null);

// Dashboard: one child resource per live sandbox (session), with Stop run and Delete session.
builder.AddSandboxes("sandboxes", redis, api, web, tokenKey);

builder.Build().Run();
