using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.IntegrationTests.Bus;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Sessions;

/// <summary>
/// Every scripted SessionStore call keeps working after Redis forgets its scripts (SCRIPT FLUSH): StackExchange.Redis
/// sends EVALSHA for a script it has seen, and the first such call after a flush is answered NOSCRIPT.
/// Each case primes its own script, flushes, then checks the next call both returns and takes effect.
/// </summary>
public sealed class SessionStoreScriptFlushTests : IAsyncLifetime
{
    private const string Session = "s1";
    private const string Run = "run_1";
    private readonly ManualClock _clock = new();
    private RedisServerProcess _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private SessionStore _store = null!;

    public static TheoryData<string> ScriptedMethods =>
        [nameof(SessionStore.TouchAsync), nameof(SessionStore.TryTransitionStatusAsync), nameof(SessionStore.SwapStatusAsync),
            nameof(SessionStore.TryTransitionRunAsync), nameof(SessionStore.TryFinishRunAsync)];

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _connection = await _redis.ConnectAsync();
        _store = new SessionStore(_connection, _clock);
        await _store.CreateAsync(Session, "shell", name: null, "owner");
        await _store.AddRunAsync(Session, Run);
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _redis.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ScriptedMethods))]
    public async Task TheFirstCallAfterAScriptFlushSucceeds(string method)
    {
        switch (method)
        {
            case nameof(SessionStore.TouchAsync):
                await _store.TouchAsync(Session);
                await _connection.FlushScriptsAsync();
                _clock.Now += TimeSpan.FromMinutes(1);
                await _store.TouchAsync(Session);
                Assert.Equal(_clock.Now, (await _store.GetAsync(Session))!.LastActivityAt);
                break;
            case nameof(SessionStore.TryTransitionStatusAsync):
                Assert.True(await _store.TryTransitionStatusAsync(Session, SessionStates.Starting, SessionStates.Ready));
                await _connection.FlushScriptsAsync();
                Assert.True(await _store.TryTransitionStatusAsync(Session, SessionStates.Ready, SessionStates.Running));
                Assert.Equal(SessionStates.Running, (await _store.GetAsync(Session))!.Status);
                break;
            case nameof(SessionStore.SwapStatusAsync):
                Assert.Equal(SessionStates.Starting, await _store.SwapStatusAsync(Session, SessionStates.Ready));
                await _connection.FlushScriptsAsync();
                Assert.Equal(SessionStates.Ready, await _store.SwapStatusAsync(Session, SessionStates.Idle));
                Assert.Equal(SessionStates.Idle, (await _store.GetAsync(Session))!.Status);
                break;
            case nameof(SessionStore.TryTransitionRunAsync):
                Assert.True(await _store.TryTransitionRunAsync(Run, RunStates.Queued, RunStates.Running));
                await _connection.FlushScriptsAsync();
                Assert.True(await _store.TryTransitionRunAsync(Run, RunStates.Running, RunStates.Stopped));
                Assert.Equal(RunStates.Stopped, (await _store.GetRunAsync(Run))!.Status);
                break;
            case nameof(SessionStore.TryFinishRunAsync):
                Assert.True(await _store.TryTransitionRunAsync(Run, RunStates.Queued, RunStates.Running));
                Assert.True(await _store.TryFinishRunAsync(Run, RunStates.Exited, 0));
                Assert.True(await _store.TryTransitionRunAsync(Run, RunStates.Exited, RunStates.Running));
                await _connection.FlushScriptsAsync();
                Assert.True(await _store.TryFinishRunAsync(Run, RunStates.Failed, 3));
                Assert.Equal((RunStates.Failed, (int?)3), await _store.GetRunAsync(Run) is { } run ? (run.Status, run.ExitCode) : default);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "no case for this method");
        }
    }

    /// <summary>Moves only when told, so a touch's new activity time can be told from the old one.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
