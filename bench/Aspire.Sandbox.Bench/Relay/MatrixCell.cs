using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>One cell: frames per second in all, spread over sessions, each session watched by viewers.</summary>
public sealed record MatrixCell(int Rate, int Sessions, int ViewersPerSession, string? Target = null)
{
    public int Viewers => Sessions * ViewersPerSession;

    public override string ToString() =>
        Sessions == 1
            ? $"{N(Rate)} frames/s × {N(Viewers)} viewer{(Viewers == 1 ? "" : "s")}"
            : $"{N(Rate)} frames/s over {N(Sessions)} sessions × {ViewersPerSession} viewer each";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
