namespace Aspire.Sandbox.Contracts.Frames;

public static class FrameClock
{
    public static long NowMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
