using Aspire.Sandbox.Api;
using Aspire.Sandbox.Api.Sessions;
using Aspire.Sandbox.Api.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapTemplatesApi();
app.MapSessionsApi();
app.MapDefaultEndpoints();

app.Run();
