using Aspire.Sandbox.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();

var app = builder.Build();

// The worker serves no API: only the health endpoints the AppHost and orchestrators probe.
app.MapDefaultEndpoints();

app.Run();
