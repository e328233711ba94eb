using Aspire.Sandbox.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();

var app = builder.Build();

// The worker serves no API: the health endpoints the AppHost and orchestrators probe, and the preview
// requests the Web forwards to its sandboxes (Worker/Previews).
app.UseMiddleware<Aspire.Sandbox.Worker.Previews.PreviewEndpoint>();
app.MapDefaultEndpoints();

app.Run();
