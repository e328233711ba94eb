using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Reads the progress messages of an image build: output text is reassembled into lines (the engine splits
/// them across messages as it likes) and reported as each ends; the image id is picked from the <c>aux</c>
/// message; an <c>error</c> message becomes <see cref="ImageBuildFailedException"/> with the lines before it.
/// </summary>
public sealed class BuildOutputLines(IProgress<ImageBuildProgress>? progress) : IProgress<JSONMessage>
{
    /// <summary>How many lines an <see cref="ImageBuildFailedException"/> carries.</summary>
    public const int TailLineCount = 20;

    // A step printing a progress bar without line breaks must neither grow memory nor stay silent forever.
    private const int MaxLineLength = 16 * 1024;

    private readonly StringBuilder _line = new();
    private readonly Queue<string> _tail = new();

    /// <summary>The built image's id (<c>sha256:…</c>) once the engine has sent it.</summary>
    public string? ImageId { get; private set; }

    /// <summary>The engine's error, once one arrived (the build failed); later messages are ignored.</summary>
    public ImageBuildFailedException? Failure { get; private set; }

    public void Report(JSONMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Failure is not null)
        {
            return;
        }

        if (value.Stream is { } text)
        {
            Add(text);
        }

        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && ToText(id) is { } imageId)
        {
            ImageId = imageId;
        }

        if (value.Error is { } error)
        {
            FlushLine();
            Failure = new ImageBuildFailedException(
                error.Message ?? "The image build failed without saying why.", error.Code, [.. _tail]);
        }
    }

    /// <summary>Call when the build stream ended: reports an unterminated last line, then throws the failure if any.</summary>
    /// <returns>The built image's id.</returns>
    public string Complete()
    {
        FlushLine();
        if (Failure is not null)
        {
            throw Failure;
        }

        return ImageId ?? throw new ImageBuildFailedException(
            "The engine ended the build without an error and without the id of an image.", null, [.. _tail]);
    }

    private static string? ToText(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private void Add(string text)
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
            EndLine();
        }
    }

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
        progress?.Report(new ImageBuildProgress(line));
    }
}
