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

        // "http://api" is resolved by service discovery from what the AppHost injects (services__api__http__0).
        services.AddHttpClient(AppApi.ApiClient, client => client.BaseAddress = new Uri("http://api"));
        return builder;
    }
}
