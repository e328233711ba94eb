using System.Buffers.Binary;
using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>Builds bytes exactly as the engine writes them when the TTY is off.</summary>
internal static class MultiplexedFrames
{
    public static byte[] Frame(StreamKind kind, string text) => Frame((byte)kind, Encoding.UTF8.GetBytes(text));

    public static byte[] Frame(byte type, byte[] payload)
    {
        var frame = new byte[DockerStreamDemultiplexer.HeaderLength + payload.Length];
        frame[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, DockerStreamDemultiplexer.HeaderLength);
        return frame;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Joins consecutive outputs per stream, since pieces of one frame may come out separately.</summary>
    public static string Text(IEnumerable<ExecOutput> outputs, StreamKind kind) =>
        string.Concat(outputs.Where(o => o.Kind == kind).Select(o => Encoding.UTF8.GetString(o.Data.Span)));
}
