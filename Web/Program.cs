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
// The bundle's name has no content hash, so browsers must revalidate it after a deploy.
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache" });
app.UseAuthentication();
app.UseAuthorization();

app.MapAppApi();
app.MapHub<SessionsHub>(SessionsHub.Path);
app.MapDefaultEndpoints();

app.Run();
