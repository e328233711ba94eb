using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>
/// Records build lines synchronously, in the order reported (<see cref="Progress{T}"/> would post them to the
/// thread pool and could reorder them), and lets a test act on a line while the build is still running.
/// </summary>
internal sealed class RecordingProgress(Action<string>? onLine = null) : IProgress<ImageBuildProgress>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
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
            _lines.Add(value.Line);
        }

        onLine?.Invoke(value.Line);
    }
}
