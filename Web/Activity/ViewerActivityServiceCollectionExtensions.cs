namespace Aspire.Sandbox.Web.Activity;

public static class ViewerActivityServiceCollectionExtensions
{
    /// <summary>The background refresh of watched sessions' last-activity time, with its settings checked at startup.</summary>
    public static IServiceCollection AddViewerActivity(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked at startup: a zero or negative interval would otherwise only surface when the timer is made.
        services.AddOptions<ViewerActivityOptions>().Bind(configuration.GetSection(ViewerActivityOptions.SectionName))
            .Validate(o => o.TouchInterval > TimeSpan.Zero, $"{ViewerActivityOptions.SectionName}:TouchInterval must be > 0.")
            .ValidateOnStart();
        services.AddHostedService<ViewerActivity>();
        return services;
    }
}
