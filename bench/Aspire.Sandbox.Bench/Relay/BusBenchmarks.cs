namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The frame bus figures: <c>relay</c> (matrix beside bare Redis subscribers), <c>idle</c> (memory per idle connection), <c>whole</c> (sandbox → viewers beside docker exec), <c>bus</c> (all three).</summary>
public static class BusBenchmarks
{
    public static readonly string[] Names = ["relay", "idle", "whole", "bus"];

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private const int IdleConnections = 10_000;

    public static async Task<IReadOnlyList<Row>> RunAsync(string what)
    {
        var rows = new List<Row>();
        if (what is "relay" or "idle" or "bus")
        {
            FileLimits.RaiseToHardLimit();
            await using var rig = await BusRig.StartAsync();
            if (what is "relay" or "bus") rows.AddRange(await new RelayBenchmark(Window).RunAsync(rig));
            if (what is "idle" or "bus") rows.AddRange(await new IdleConnectionsBenchmark(IdleConnections).RunAsync(rig));
        }
        if (what is "whole" or "bus") rows.AddRange(await new WholePathBenchmark(rate: 1_000, duration: Window, viewers: 10).RunAsync());
        return rows;
    }
}
