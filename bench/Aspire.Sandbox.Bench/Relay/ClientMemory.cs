using System.Diagnostics;
using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>What connected viewers cost this process: managed heap and resident memory per viewer.</summary>
public static class ClientMemory
{
    /// <summary>Starts measuring; the returned function describes the growth since then, per viewer.</summary>
    public static Func<int, string> Measure()
    {
        var (heap, resident) = Now();
        return count =>
        {
            var (heapNow, residentNow) = Now();
            return string.Create(CultureInfo.InvariantCulture,
                $"{(heapNow - heap) / 1024.0 / Math.Max(1, count):0.0} KiB heap, {(residentNow - resident) / 1024.0 / Math.Max(1, count):0.0} KiB resident per viewer");
        };
    }

    private static (long Heap, long Resident) Now()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64);
    }
}
