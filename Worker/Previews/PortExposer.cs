using System.Globalization;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Worker.Publishing;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// The <c>exposing_port</c> start-up step: starts the sandbox's relay, marks the template's ports as exposed (private: the
/// session's tokens open them) and returns their preview URLs for the <c>ready</c> frame.
/// </summary>
public sealed partial class PortExposer(PreviewRelay relay, PreviewStore previews, FramePublisher frames, IOptions<PreviewOptions> shared, ILogger<PortExposer> logger)
{
    public bool Enabled => shared.Value.Key.Length > 0;

    public async Task<IReadOnlyList<PreviewLink>> ExposeAsync(string sessionId, string containerId, IReadOnlyList<int> ports, CancellationToken ct)
    {
        if (!Enabled || ports.Count == 0) return [];
        var list = string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        frames.Publish(new ProgressFrame { Session = sessionId, Step = "exposing_port", Message = $"Exposing port {list} as a preview URL" });
        if (!await relay.StartAsync(sessionId, containerId, ct))
        {
            // The session is still usable; the relay is tried again on the first preview request.
            LogRelayNotStarted(sessionId);
            frames.Publish(new ErrorFrame { Session = sessionId, Code = "preview-unavailable", Message = "The preview relay did not start; the preview is retried on first use." });
        }
        var links = new List<PreviewLink>();
        foreach (var port in ports)
        {
            await previews.ExposeAsync(sessionId, port);
            links.Add(new PreviewLink(port, PreviewAddress.Url(shared.Value, sessionId, port)));
        }
        return links;
    }

    [LoggerMessage(118, LogLevel.Warning, "The preview relay of session {SessionId} did not start at exposing_port")]
    private partial void LogRelayNotStarted(string sessionId);
}
