using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// Reads every running project replica's <c>/metrics</c> (ServiceDefaults maps it) every few seconds and keeps the
/// last answer of each, so the dashboard shows metrics without an OTLP collector. Lives as long as the dashboard.
/// </summary>
internal sealed class MetricsScraper(IDashboardData data, TimeSpan interval) : BackgroundService
{
    public const string MetricsPath = "/metrics";
    private const string ProjectType = "Project";
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, LastScrape> _last = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpClient _http = CreateClient();

    /// <summary>Every replica scraped at least once, in the order of <c>/api/resources</c>.</summary>
    public IReadOnlyList<ResourceMetrics> GetAll(string? prefix)
    {
        var order = data.GetResourceSnapshots().Select(s => s.Name).ToList();
        return [.. _last.Values.OrderBy(s => order.IndexOf(s.Resource) is var i and >= 0 ? i : int.MaxValue).Select(s => s.ToMetrics(prefix))];
    }

    /// <summary>A replica's last scrape, or null if it has never been scraped (unknown, not a project, not started yet).</summary>
    public ResourceMetrics? Find(string replicaName, string? prefix) =>
        _last.TryGetValue(replicaName, out var scrape) ? scrape.ToMetrics(prefix) : null;

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var targets = data.GetResourceSnapshots().Select(s => (s.Name, Url: MetricsUrl(s))).Where(t => t.Url is not null);
            await Task.WhenAll(targets.Select(t => ScrapeAsync(t.Name, t.Url!, stoppingToken))).ConfigureAwait(false);
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Running project replicas with an http endpoint; Redis and stopped replicas have nothing to read.</summary>
    private static Uri? MetricsUrl(ResourceSnapshot snapshot) =>
        snapshot.Type == ProjectType && snapshot.State == KnownResourceStates.Running
        && snapshot.Urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) is { } url
            ? new Uri(url + MetricsPath)
            : null;

    private async Task ScrapeAsync(string replica, Uri url, CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(ScrapeTimeout);
            var text = await _http.GetStringAsync(url, timeout.Token).ConfigureAwait(false);
            _last[replica] = new LastScrape(replica, url, DateTimeOffset.UtcNow, null, PrometheusText.Parse(text));
        }
        // Whatever one replica answers (or fails to), the others are still read and the dashboard stays up.
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"no answer within {ScrapeTimeout.TotalSeconds:0} s" : e.Message;
            _last.AddOrUpdate(replica, _ => new LastScrape(replica, url, null, error, null), (_, last) => last with { Url = url, Error = error });
        }
    }

    private static HttpClient CreateClient()
    {
        // Plain HTTP to our own children on loopback: no proxy, and ask for the classic text format.
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        return client;
    }

    private sealed record LastScrape(string Resource, Uri Url, DateTimeOffset? ScrapedAt, string? Error, PrometheusExposition? Exposition)
    {
        public ResourceMetrics ToMetrics(string? prefix) =>
            new(Resource, Url.ToString(), ScrapedAt, Error, Exposition is null ? [] : MetricSummaries.From(Exposition, prefix));
    }
}
