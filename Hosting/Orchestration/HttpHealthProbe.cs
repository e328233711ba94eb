using System.Net;

namespace Aspire.Hosting.Orchestration;

/// <summary>GET {endpoint}/health; healthy on 200 (ServiceDefaults answers 503 while a check fails).</summary>
internal sealed class HttpHealthProbe(Uri url) : IHealthProbe
{
    // Loopback only, so never through a proxy from the environment; short timeouts because a probe
    // that hangs is itself an answer.
    private static readonly HttpClient s_client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    public Uri Url { get; } = url;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s_client.GetAsync(Url, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
