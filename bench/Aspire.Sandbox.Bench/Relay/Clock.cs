namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The clock frames are stamped with (<c>ts</c>: microseconds since the Unix epoch), read the same way on arrival.</summary>
public static class Clock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
