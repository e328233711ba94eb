using System.Text;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>Everything an exec produced, with the moment each chunk arrived, and its exit code.</summary>
internal sealed record ExecResult(IReadOnlyList<(ExecOutput Output, long Timestamp)> Chunks, int ExitCode)
{
    public string Stdout => Text(StreamKind.Stdout);

    public string Stderr => Text(StreamKind.Stderr);

    public string Text(StreamKind kind) =>
        string.Concat(Chunks.Where(c => c.Output.Kind == kind).Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));
}
