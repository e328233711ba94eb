using Aspire.Sandbox.Contracts.Previews;
using Microsoft.AspNetCore.HostFiltering;

namespace Aspire.Sandbox.Web.Previews;

public static class PreviewServiceCollectionExtensions
{
    /// <summary>Preview hosts (<c>*.{domain}</c>) are let through host filtering, whatever else <c>AllowedHosts</c> says.</summary>
    public static IHostApplicationBuilder AddPreviews(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PreviewOptions>(builder.Configuration.GetSection(PreviewOptions.SectionName));
        services.AddHttpForwarder();
        services.AddSingleton<PreviewStore>();
        var domain = builder.Configuration.GetSection(PreviewOptions.SectionName).Get<PreviewOptions>()?.Domain ?? new PreviewOptions().Domain;
        services.PostConfigure<HostFilteringOptions>(filtering =>
        {
            if (domain.Length > 0 && filtering.AllowedHosts.Count > 0 && !filtering.AllowedHosts.Contains("*"))
                filtering.AllowedHosts = [.. filtering.AllowedHosts, "*." + domain];
        });
        return builder;
    }

    /// <summary>First in the pipeline: a preview request is the sandbox's, none of the Web app's middleware applies to it.</summary>
    public static IApplicationBuilder UsePreviews(this IApplicationBuilder app) => app.UseMiddleware<PreviewProxy>();
}
