namespace Aspire.Sandbox.Web.Relay;

/// <summary>A viewer and the feed it joined.</summary>
internal sealed record Subscription(Viewer Viewer, SessionFeed Feed);
