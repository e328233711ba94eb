namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The measured part of a run, by the frames' source time: warm-up before it, drain after it, neither counted.</summary>
public sealed record Window(long FromMicros, long ToMicros)
{
    public bool Contains(long ts) => ts >= FromMicros && ts < ToMicros;
    public double Seconds => (ToMicros - FromMicros) / 1_000_000.0;
}
