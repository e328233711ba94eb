using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Worker.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// What the relay figures run on: a Redis and a Web process of their own, the worker's publisher in this
/// process (where frames are injected), and session tokens signed with the Web's key.
/// </summary>
public sealed class BusRig : IAsyncDisposable
{
    private readonly string _tokenKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private SessionTokenService _tokens = null!;

    public LocalRedis Redis { get; private set; } = null!;
    public LocalWeb Web { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public FramePublisher Publisher { get; private set; } = null!;

    public static async Task<BusRig> StartAsync()
    {
        var rig = new BusRig();
        rig.Redis = await LocalRedis.StartAsync();
        rig.Web = await LocalWeb.StartAsync(rig.Redis.ConnectionString, rig._tokenKey);
        rig.Connection = await ConnectionMultiplexer.ConnectAsync($"{rig.Redis.ConnectionString},abortConnect=false");
        rig.Publisher = new FramePublisher(new FrameLog(rig.Connection), new WorkQueue(rig.Connection),
            Options.Create(new FramePublisherOptions()), NullLogger<FramePublisher>.Instance);
        await rig.Publisher.StartAsync(CancellationToken.None);
        rig._tokens = new SessionTokenService(Options.Create(new SandboxSecurityOptions { TokenKeys = [rig._tokenKey] }), TimeProvider.System);
        return rig;
    }

    public string ViewerToken(string session) => _tokens.Issue(session, SessionRole.Viewer);

    /// <summary>A Web process of its own (a clean baseline for memory figures), same Redis and key.</summary>
    public Task<LocalWeb> StartAnotherWebAsync() => LocalWeb.StartAsync(Redis.ConnectionString, _tokenKey);

    public async ValueTask DisposeAsync()
    {
        await Publisher.StopAsync(CancellationToken.None);
        Connection.Dispose();
        await Web.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
