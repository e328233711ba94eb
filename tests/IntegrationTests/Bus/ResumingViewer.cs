namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// A viewer that watches across disconnects the way the browser app does: whenever its connection ends it
/// connects again and subscribes from the last id it got. Records every id received, duplicates included.
/// </summary>
public sealed class ResumingViewer(Uri web, string token, string session)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public string Session => session;
    public List<string> Received { get; } = [];
    public int Connections { get; private set; }

    /// <summary>Watches until a frame of type <paramref name="lastType"/> arrives.</summary>
    public async Task WatchUntilAsync(string lastType, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            HubViewer client;
            try
            {
                client = await HubViewer.ConnectAsync(web, token, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await Task.Delay(RetryDelay, ct); // the Web is not back yet
                continue;
            }
            await using (client)
            {
                try
                {
                    await client.SubscribeAsync(session, Received.Count > 0 ? Received[^1] : null, ct);
                    Connections++;
                    await foreach (var frame in client.Frames.ReadAllAsync(ct))
                    {
                        Received.Add(frame.Id);
                        if (frame.Type == lastType) return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Closed by the server, or Subscribe refused while Redis is away: connect again.
                }
            }
            await Task.Delay(RetryDelay, ct);
        }
    }
}
