using Aspire.Sandbox.Contracts.Frames;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Hubs;

/// <summary>Client methods of the sessions hub (DESIGN §3.3).</summary>
public interface ISessionsClient
{
    /// <summary>One or more frames of a subscribed session, in order.</summary>
    [HubMethodName("frames")]
    Task Frames(IReadOnlyList<RawFrame> frames);
}
