using System.Text.Json;
using Aspire.Sandbox.Worker.Docker;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class BuildOutputLinesTests
{
    [Fact]
    public void ReassemblesLinesSplitAcrossMessagesAndReportsEachAsItsLineBreakArrives()
    {
        var progress = new RecordingProgress();
        var lines = new BuildOutputLines(progress);

        lines.Report(Output("Step 1/2 : FR"));
        Assert.Empty(progress.Lines);
        lines.Report(Output("OM base\nStep 2/2 : RUN true\r\n"));

        Assert.Equal(["Step 1/2 : FROM base", "Step 2/2 : RUN true"], progress.Lines);
    }

    [Fact]
    public void TakesTheImageIdFromTheAuxMessageAndReportsAnUnterminatedLastLineAtTheEnd()
    {
        var progress = new RecordingProgress();
        var lines = new BuildOutputLines(progress);
        lines.Report(Output("Successfully built 1234\n\nno line break"));
        lines.Report(new JSONMessage { Aux = Aux("""{"ID":"sha256:abc"}""") });

        Assert.Equal("sha256:abc", lines.Complete());
        Assert.Equal(["Successfully built 1234", "", "no line break"], progress.Lines);
    }

    [Fact]
    public void AnErrorMessageFailsTheBuildWithTheEngineMessageCodeAndTheLinesBeforeIt()
    {
        var lines = new BuildOutputLines(null);
        lines.Report(Output("Step 2/2 : RUN exit 7\n"));
        lines.Report(Output("sh: oops"));
        lines.Report(new JSONMessage { Error = new JSONError { Message = "The command '/bin/sh -c exit 7' returned a non-zero code: 7", Code = 7 } });
        // Whatever follows an error changes nothing.
        lines.Report(new JSONMessage { Aux = Aux("""{"ID":"sha256:late"}""") });

        var failure = Assert.Throws<ImageBuildFailedException>(() => lines.Complete());
        Assert.Contains("non-zero code: 7", failure.Message, StringComparison.Ordinal);
        Assert.Equal(7, failure.Code);
        Assert.Equal(["Step 2/2 : RUN exit 7", "sh: oops"], failure.LastOutputLines);
    }

    [Fact]
    public void TheFailureKeepsOnlyTheLastLines()
    {
        var lines = new BuildOutputLines(null);
        for (var i = 0; i < 50; i++) lines.Report(Output($"line {i}\n"));
        lines.Report(new JSONMessage { Error = new JSONError { Message = "failed" } });

        var failure = Assert.Throws<ImageBuildFailedException>(() => lines.Complete());
        Assert.Equal(BuildOutputLines.TailLineCount, failure.LastOutputLines.Count);
        Assert.Equal("line 49", failure.LastOutputLines[^1]);
    }

    [Fact]
    public void AStreamEndingWithoutErrorAndWithoutAnImageIdIsAFailure()
    {
        var lines = new BuildOutputLines(null);
        lines.Report(Output("Step 1/1 : FROM base\n"));

        Assert.Throws<ImageBuildFailedException>(() => lines.Complete());
    }

    [Fact]
    public void AVeryLongLineWithoutLineBreaksIsReportedInPieces()
    {
        var progress = new RecordingProgress();
        var lines = new BuildOutputLines(progress);
        for (var i = 0; i < 100; i++) lines.Report(Output(new string('#', 1024)));

        Assert.NotEmpty(progress.Lines);
        Assert.All(progress.Lines, l => Assert.True(l.Length <= 17 * 1024, $"a piece of {l.Length} chars"));
    }

    private static JSONMessage Output(string text) => new() { Stream = text };

    private static ObjectExtensionData Aux(string json) => new()
    {
        ExtensionData = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object)p.Value),
    };
}
