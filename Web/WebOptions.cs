namespace Aspire.Sandbox.Web;

/// <summary>Settings of the Web app (section <c>Sandbox</c>).</summary>
public sealed class WebOptions
{
    /// <summary>The API key the browser app's backend uses to create sessions.</summary>
    public string ApiKey { get; set; } = "";
}
