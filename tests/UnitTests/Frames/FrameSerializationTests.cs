using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.UnitTests.Frames;

public sealed class FrameSerializationTests
{
    private const string Session = "ses_abc";
    private const string Run = "run_xyz";

    public static TheoryData<Frame, string> EveryFrameType => new()
    {
        { new ProgressFrame { Session = Session, Step = "creating_sandbox", Message = "Creating" }, FrameTypes.Progress },
        { new ReadyFrame { Session = Session }, FrameTypes.Ready },
        { new StatusFrame { Session = Session, State = "running" }, FrameTypes.Status },
        { new RunQueuedFrame { Session = Session, Run = Run, Position = 2 }, FrameTypes.RunQueued },
        { new RunStartedFrame { Session = Session, Run = Run, Command = ["bash", "-lc", "echo hi"] }, FrameTypes.RunStarted },
        { new StdoutFrame { Session = Session, Run = Run, Data = "line 1\n" }, FrameTypes.Stdout },
        { new StderrFrame { Session = Session, Run = Run, Data = "AAEC", Encoding = "base64" }, FrameTypes.Stderr },
        { new TerminalFrame { Session = Session, Run = Run, Data = "\u001b[1mhi" }, FrameTypes.Terminal },
        { new TextDeltaFrame { Session = Session, Run = Run, Text = "Hel" }, FrameTypes.TextDelta },
        { new ToolStartFrame { Session = Session, Run = Run, ToolId = "t1", Name = "ls", Input = JsonDocument.Parse("""{"path":"."}""").RootElement }, FrameTypes.ToolStart },
        { new ToolResultFrame { Session = Session, Run = Run, ToolId = "t1", Output = "a.txt", IsError = true }, FrameTypes.ToolResult },
        { new AgentSessionFrame { Session = Session, Run = Run, AgentSessionId = "agent-1" }, FrameTypes.AgentSession },
        { new DoneFrame { Session = Session, Run = Run, Text = "All done.", Usage = JsonDocument.Parse("""{"input_tokens":3}""").RootElement }, FrameTypes.Done },
        { new ProcessExitFrame { Session = Session, Run = Run, ExitCode = 3, Reason = "exited" }, FrameTypes.ProcessExit },
        { new ErrorFrame { Session = Session, Code = "image-missing", Message = "No image" }, FrameTypes.Error },
        { new SessionEndedFrame { Session = Session, Reason = "deleted" }, FrameTypes.SessionEnded },
    };

    [Theory]
    [MemberData(nameof(EveryFrameType))]
    public void EveryFrameTypeRoundTripsWithItsIdSplicedIn(Frame frame, string type)
    {
        var stored = FrameJson.Serialize(frame);
        var wire = FrameJson.WithId("1700000000000-7", stored);

        var back = FrameJson.Deserialize(wire);

        Assert.Equal(frame.GetType(), back.GetType());
        Assert.Equal("1700000000000-7", back.Id);
        Assert.Equal(FrameJson.Serialize(frame), FrameJson.Serialize(back with { Id = null }));
        using var document = JsonDocument.Parse(wire);
        Assert.Equal(type, document.RootElement.GetProperty("type").GetString());
        Assert.Equal(frame.Ts, document.RootElement.GetProperty("ts").GetInt64());
    }

    [Fact]
    public void SessionLevelFramesCarryAnExplicitNullRun()
    {
        using var document = JsonDocument.Parse(FrameJson.Serialize(new ReadyFrame { Session = Session }));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("run").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("previewUrl").ValueKind);
        Assert.False(document.RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public void KilledProcessReportsANullExitCode()
    {
        using var document = JsonDocument.Parse(FrameJson.Serialize(
            new ProcessExitFrame { Session = Session, Run = Run, ExitCode = null, Signal = "SIGKILL", Reason = "stopped" }));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("exitCode").ValueKind);
        Assert.Equal("SIGKILL", document.RootElement.GetProperty("signal").GetString());
    }

    [Fact]
    public void RawFrameIsWrittenVerbatimInsideAnArray()
    {
        var raw = RawFrame.FromStored("5-1", FrameJson.Serialize(new StdoutFrame { Session = Session, Run = Run, Data = "x", Ts = 42 }));

        var json = JsonSerializer.Serialize(new[] { raw });

        Assert.Equal($"[{raw.Json}]", json);
        Assert.StartsWith("""[{"id":"5-1",""", json);
        Assert.Equal(raw, JsonSerializer.Deserialize<RawFrame[]>(json)![0]);
    }

    [Fact]
    public void TimestampIsMicrosecondsSinceTheEpoch()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var ts = new StdoutFrame { Session = Session, Data = "" }.Ts;
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + 1000;

        Assert.InRange(ts, before, after);
    }
}
