using Aspire.Sandbox.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiPipeline();
app.MapApiEndpoints();

app.Run();
