using System.Text;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Reads the answer of <c>POST /build</c>: a stream of JSON messages (<c>stream</c> output, <c>aux</c> with
/// the image id, or an <c>error</c>). Pure and push-based like <see cref="DockerStreamDemultiplexer"/>: feed it
/// whatever the socket returned, at any split; each output line is reported as soon as its line break arrives.
/// </summary>
public sealed class ImageBuildStreamParser
{
    /// <summary>A message is one chunk of output; anything near this is corruption.</summary>
    public const int DefaultMaxMessageLength = 16 * 1024 * 1024;

    /// <summary>How many lines a <see cref="DockerImageBuildException"/> carries.</summary>
    public const int TailLineCount = 20;

    // A step printing a progress bar without line breaks must neither grow memory nor stay silent forever.
    private const int MaxLineLength = 16 * 1024;

    private readonly IProgress<ImageBuildProgress>? _progress;
    private readonly JsonValueSplitter _splitter;
    private readonly StringBuilder _line = new();
    private readonly Queue<string> _tail = new();

    public ImageBuildStreamParser(IProgress<ImageBuildProgress>? progress, int maxMessageLength = DefaultMaxMessageLength)
    {
        _progress = progress;
        _splitter = new JsonValueSplitter(maxMessageLength);
    }

    /// <summary>The id from the engine's <c>aux</c> message, once it has arrived.</summary>
    public string? ImageId { get; private set; }

    /// <summary>Consumes <paramref name="chunk"/> entirely, reporting every line it completes, in order.</summary>
    /// <exception cref="DockerImageBuildException">The engine reported that the build failed.</exception>
    /// <exception cref="DockerStreamProtocolException">The bytes are not a stream of build messages.</exception>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        _splitter.Append(chunk);
        while (_splitter.TryTake(out var json))
        {
            Handle(json.Span);
        }
    }

    /// <summary>Call at the end of the stream: reports a last unterminated line and returns the image id.</summary>
    /// <exception cref="DockerStreamProtocolException">The stream ended mid-message or without an image id.</exception>
    public string Complete()
    {
        if (!_splitter.IsBetweenValues)
        {
            throw new DockerStreamProtocolException("Docker engine ended the build stream in the middle of a message.");
        }

        FlushLine();
        return ImageId ?? throw new DockerStreamProtocolException(
            "Docker engine ended the build stream without an error and without the id of the built image.");
    }

    private void Handle(ReadOnlySpan<byte> json)
    {
        ImageBuildMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, DockerJsonContext.Default.ImageBuildMessage);
        }
        catch (JsonException ex)
        {
            throw new DockerStreamProtocolException($"Docker engine sent a build message of an unknown shape: {ex.Message}");
        }

        if (message is null)
        {
            return;
        }

        if (message.Stream is { } text)
        {
            AddOutput(text);
        }

        if (message.Aux is { ValueKind: JsonValueKind.Object } aux
            && aux.TryGetProperty("ID", out var id)
            && id.ValueKind == JsonValueKind.String)
        {
            ImageId = id.GetString();
        }

        var error = message.Error ?? message.ErrorDetail?.Message;
        if (error is not null)
        {
            // The output just before the error usually is the explanation (the failing command's stderr).
            FlushLine();
            throw new DockerImageBuildException(error, message.ErrorDetail?.Code, [.. _tail]);
        }
    }

    private void AddOutput(string text)
    {
        var rest = text.AsSpan();
        for (var newline = rest.IndexOf('\n'); newline >= 0; newline = rest.IndexOf('\n'))
        {
            _line.Append(rest[..newline]);
            EndLine();
            rest = rest[(newline + 1)..];
        }

        _line.Append(rest);
        if (_line.Length > MaxLineLength)
        {
            FlushLine();
        }
    }

    /// <summary>Reports what the stream has given of a line that has not ended (yet).</summary>
    private void FlushLine()
    {
        if (_line.Length > 0)
        {
            EndLine();
        }
    }

    private void EndLine()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        var line = _line.ToString();
        _line.Clear();
        if (_tail.Count == TailLineCount)
        {
            _tail.Dequeue();
        }

        _tail.Enqueue(line);
        _progress?.Report(new ImageBuildProgress(line));
    }
}
