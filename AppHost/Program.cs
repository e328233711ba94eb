using Microsoft.Extensions.Configuration;

// The resource graph of Aspire Sandbox: infrastructure first, then one chain per service.
// Ports: web 5080, api 5081, dashboard 18888, redis 6379; override with --Ports:web=6000 or WEB_PORT=6000
// (and AppHost:DashboardUrl), see Aspire.Hosting.KnownConfigNames. Workers: one; --Workers=2 runs two replicas.
var builder = DistributedApplication.CreateBuilder(args);

var apiKey = builder.GetDevelopmentApiKey();
var tokenKey = SandboxSecrets.NewTokenSigningKey();
var secretsKey = SandboxSecrets.NewSecretsKey();

// Infrastructure. Redis persists (AOF) so a restart keeps the work queue, sessions and frame streams. The data lives
// next to this project, not in ~/.local: each checkout keeps its own (two clones never share an append-only file, and
// the data matches that checkout's Redis layout), and it is easy to find and wipe. Tests get a temporary one each.
var redisData = Path.Combine(Path.GetDirectoryName(new Projects.Aspire_Sandbox_AppHost().ProjectPath)!, ".aspire", "redis-data");
var redis = builder.AddRedis("redis").WithDataDirectory(redisData);
builder.AddAnnouncement($"Redis data: {redisData} (delete it to start empty)");

// Services
var api = builder.AddProject<Projects.Aspire_Sandbox_Api>("api")
    .WithHttpEndpoint(port: 5081)
    .WithReference(redis)
    .WaitFor(redis)
    .WithApiKey(apiKey)
    .WithTokenSigningKey(tokenKey)
    .WithSecretsKey(secretsKey)
    .WithSandboxTemplates();

builder.AddProject<Projects.Aspire_Sandbox_Worker>("worker")
    .WithSandboxTemplates()
    .WithReference(redis)
    .WaitFor(redis)
    .WithSandboxImage()
    .WithDockerEndpoint()
    .WithSecretsKey(secretsKey)
    .WithReplicas(builder.Configuration.GetValue("Workers", 1));

// Apps
builder.AddProject<Projects.Aspire_Sandbox_Web>("web")
    .WithHttpEndpoint(port: 5080)
    .WithExternalHttpEndpoints()
    .WithReference(redis)
    .WithReference(api)
    .WaitFor(api)
    .WithEnvironment("Sandbox__ApiKey", apiKey)
    .WithTokenSigningKey(tokenKey);

builder.Build().Run();
