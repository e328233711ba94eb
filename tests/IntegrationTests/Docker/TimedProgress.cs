using System.Diagnostics;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>
/// Records build lines synchronously, in order, with the moment each arrived, so a test can tell streamed output
/// from output handed over only at the end; <paramref name="onLine"/> lets it act while the build runs.
/// </summary>
internal sealed class TimedProgress(Action<string>? onLine = null) : IProgress<ImageBuildProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Line, TimeSpan At)> _lines = [];

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<(string Line, TimeSpan At)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(ImageBuildProgress value)
    {
        lock (_lines)
        {
            _lines.Add((value.Line, _clock.Elapsed));
        }

        onLine?.Invoke(value.Line);
    }
}
