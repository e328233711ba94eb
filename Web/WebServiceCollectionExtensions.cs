using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Web.Activity;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Web.App;
using Aspire.Sandbox.Web.Relay;

namespace Aspire.Sandbox.Web;

public static class WebServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<WebOptions>(builder.Configuration.GetSection("Sandbox"));
        services.AddSessionTokens(builder.Configuration);
        services.AddAuthorization();
        services.AddSignalR().AddFrameMessagePackProtocol();
        services.AddRelay(builder.Configuration);
        services.AddSingleton<SessionStore>();
        services.AddViewerActivity(builder.Configuration);
        services.AddSingleton<SessionControl>();
        services.AddProblemDetails();

        // Service discovery in Aspire's convention: services__api__http__0.
        var apiUrl = builder.Configuration["services:api:http:0"] ?? "http://127.0.0.1:5081";
        services.AddHttpClient(AppApi.ApiClient, client => client.BaseAddress = new Uri(apiUrl));
        return builder;
    }
}
