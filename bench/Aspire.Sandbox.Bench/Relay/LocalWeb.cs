using Aspire.Sandbox.TestSupport;
using System.Diagnostics;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The Web service (its Release build, made by the AppHost's build) as a process of its own against the benchmark's Redis.</summary>
public sealed class LocalWeb : IAsyncDisposable
{
    private LocalWeb(ChildProcess process, Uri url) => (Process, Url) = (process, url);

    public ChildProcess Process { get; }
    public Uri Url { get; }

    public static async Task<LocalWeb> StartAsync(string redis, string tokenKey)
    {
        var url = new Uri($"http://127.0.0.1:{LocalPorts.Free()}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectOutput.Directory<Projects.Aspire_Sandbox_Web>() };
        info.ArgumentList.Add(ProjectOutput.AssemblyPath<Projects.Aspire_Sandbox_Web>());
        info.Environment["ASPNETCORE_URLS"] = url.ToString();
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__redis"] = redis;
        info.Environment["Sandbox__TokenKeys__0"] = tokenKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // BENCH_WEB_ENV="NAME=value;NAME=value" adds settings to the Web's environment (to compare runtime knobs).
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_WEB_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            info.Environment[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
        var web = new LocalWeb(ChildProcess.Start(info), url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (web.Process.HasExited) throw new InvalidOperationException("the Web exited while starting");
            try
            {
                if ((await http.GetAsync(new Uri(url, "/alive"))).IsSuccessStatusCode) return web;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the Web did not answer /alive");
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
