namespace Aspire.Sandbox.Api;

/// <summary>The Api's own switches in section <c>Sandbox</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Whether templates that need outbound network (<c>Network: egress</c>) may be used. Off unless an operator turns it on
    /// (the AppHost does when it gives the workers an egress network, <c>Sandbox:Docker:EgressNetwork</c>).</summary>
    public bool AllowEgress { get; set; }
}
