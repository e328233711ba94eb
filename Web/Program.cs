using Aspire.Sandbox.Web;
using Aspire.Sandbox.Web.App;
using Aspire.Sandbox.Web.Hubs;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapAppApi();
app.MapHub<SessionsHub>(SessionsHub.Path);
app.MapDefaultEndpoints();

app.Run();
