using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// Thousands of random and mutated requests against every endpoint of the real Api (on loopback, bounded in
/// count, time and concurrency): never a 5xx, never a hang, every error a ProblemDetails, healthy afterwards.
/// </summary>
[Collection(IsolatedApiCollection.Name)]
public sealed class FuzzTests(IsolatedApiFixture api, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Requests = 5_000;
    private const int Concurrency = 8;
    private const int Seed = 20261122;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RandomAndMutatedRequestsNeverCauseA5xxOrAHang()
    {
        var session = await IsolatedSessions.CreateAsync(api.Roomy);
        var run = await StartRunAsync(session);
        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            if (clock.Elapsed > Budget) return;
            var inputs = new FuzzInputs(Seed + i);
            var (method, path, bearer) = Target(inputs, session, run);
            var headers = inputs.IdempotencyKey() is { } key ? new Dictionary<string, string> { ["Idempotency-Key"] = key } : null;
            var body = method == HttpMethod.Get ? null : inputs.Body();
            using var deadline = new CancellationTokenSource(PerRequest);
            try
            {
                using var response = await RawRequest.SendAsync(api.Roomy, method, path, bearer, body, inputs.ContentType(), headers).WaitAsync(deadline.Token);
                var text = await response.Content.ReadAsStringAsync(deadline.Token);
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500) failures.Enqueue($"#{i} {method} {path}: {(int)response.StatusCode} {text}");
                else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Enqueue($"#{i} {method} {path}: {(int)response.StatusCode} not problem+json: {text}");
                else if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
                    failures.Enqueue($"#{i} {method} {path}: internals leaked: {text}");
            }
            catch (OperationCanceledException)
            {
                failures.Enqueue($"#{i} {method} {path}: no answer within {PerRequest}");
            }
        });

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} requests (seed {Seed}):\n{string.Join("\n", failures.Take(20))}");
        Assert.True(sent >= 1_000, $"only {sent} requests in {Budget}");
        using var health = await api.Roomy.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await IsolatedSessions.CreateAsync(api.Roomy);
    }

    private static (HttpMethod Method, string Path, string? Bearer) Target(FuzzInputs inputs, SandboxApiClient.CreatedSession session, string run)
    {
        var bearer = inputs.Next(10) switch
        {
            0 => null,
            1 => "garbage",
            2 => session.ViewerToken,
            _ => null as string,
        };
        var id = inputs.Id(session.Id);
        return inputs.Next(9) switch
        {
            0 => (HttpMethod.Post, "/api/sessions", bearer ?? IsolatedApiFixture.ApiKey),
            1 => (HttpMethod.Get, "/api/sessions", bearer ?? IsolatedApiFixture.ApiKey),
            2 => (HttpMethod.Get, $"/api/sessions/{id}", bearer ?? session.Token),
            3 => (HttpMethod.Post, $"/api/sessions/{id}/runs", bearer ?? session.Token),
            4 => (HttpMethod.Post, $"/api/sessions/{id}/runs/{inputs.Id(run)}/stop", bearer ?? session.Token),
            5 => (HttpMethod.Post, $"/api/sessions/{id}/input", bearer ?? session.Token),
            6 => (HttpMethod.Get, $"/api/sessions/{id}/frames{inputs.Query()}", bearer ?? session.Token),
            7 => (HttpMethod.Get, "/api/templates", bearer),
            // Rarely, and last: deleting turns later runs into 409s, which is part of what is exercised.
            _ => inputs.Next(20) == 0 ? (HttpMethod.Delete, $"/api/sessions/{id}", bearer ?? session.Token) : (HttpMethod.Put, $"/api/sessions/{id}", bearer ?? session.Token),
        };
    }

    private async Task<string> StartRunAsync(SandboxApiClient.CreatedSession session)
    {
        using var response = await RawRequest.SendAsync(api.Roomy, HttpMethod.Post, $"/api/sessions/{session.Id}/runs", session.Token, """{"prompt":"true"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
    }
}
