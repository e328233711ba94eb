namespace Aspire.Sandbox.TestSupport;

public static class FrameStreamExtensions
{
    /// <summary>Reads frames until one matches <paramref name="last"/> (included), failing after <paramref name="timeout"/>.</summary>
    public static async Task<List<ReceivedFrame>> ReadUntilAsync(
        this HubViewer client, Func<ReceivedFrame, bool> last, TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var frames = new List<ReceivedFrame>();
        try
        {
            await foreach (var frame in client.Frames.ReadAllAsync(deadline.Token))
            {
                frames.Add(frame);
                if (last(frame)) return frames;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        throw new TimeoutException(
            $"No matching frame within {timeout}. Received: {string.Join(", ", frames.Select(f => f.Type))}");
    }

    /// <summary>Reads whatever arrives within <paramref name="quiet"/> (used to prove nothing more comes).</summary>
    public static async Task<List<ReceivedFrame>> DrainAsync(this HubViewer client, TimeSpan quiet)
    {
        var frames = new List<ReceivedFrame>();
        using var window = new CancellationTokenSource(quiet);
        try
        {
            await foreach (var frame in client.Frames.ReadAllAsync(window.Token)) frames.Add(frame);
        }
        catch (OperationCanceledException)
        {
        }
        return frames;
    }
}
