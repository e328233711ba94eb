namespace Aspire.Sandbox.Web;

/// <summary>Settings of the Web app (section <c>Sandbox</c>).</summary>
public sealed class WebOptions
{
    /// <summary>The API key the browser app's backend uses to create sessions.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// Origins (scheme://host[:port]) whose pages may call the hub and the state-changing <c>/app</c> endpoints, besides
    /// the app's own. Empty: loopback origins only. Host names the Web answers at all are <c>AllowedHosts</c>.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
