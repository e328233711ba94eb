using Aspire.Sandbox.Web;
using Aspire.Sandbox.Web.App;
using Aspire.Sandbox.Web.Hubs;
using Aspire.Sandbox.Web.Previews;
using Aspire.Sandbox.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddApplicationServices();
builder.AddWebAuth();
builder.AddPreviews();

var app = builder.Build();

// Requests to a sandbox's preview host are the sandbox's: forwarded before any of the Web app's own middleware.
app.UsePreviews();

app.UseExceptionHandler();
// Host filtering (AllowedHosts) runs before all of this; then pages of other sites are refused.
app.UseMiddleware<OriginCheck>();
app.UseDefaultFiles();
// The bundle's name has no content hash, so browsers must revalidate it after a deploy.
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache" });
app.UseAuthentication();
app.UseAuthorization();

app.MapAppApi();
app.MapHistoryApi();
app.MapSignInApi();
// Every session has its own address; the page reads the id from it.
app.MapFallbackToFile("/s/{id}", "index.html");
app.MapHub<SessionsHub>(SessionsHub.Path);
app.MapDefaultEndpoints();

app.Run();
