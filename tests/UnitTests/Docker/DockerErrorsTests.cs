using System.Net;
using System.Net.Sockets;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerErrorsTests
{
    [Fact]
    public void AConflictBecomesAConflictWithTheEngineOwnWords()
    {
        var error = DockerErrors.Translate(
            new DockerApiException(HttpStatusCode.Conflict, """{"message":"Container abc is not running"}"""), "exec create", CancellationToken.None);

        var conflict = Assert.IsType<EngineConflictException>(error);
        Assert.Equal("Container abc is not running", conflict.Message);
    }

    [Fact]
    public void AnyOtherErrorStatusBecomesARequestErrorKeepingItsStatus()
    {
        var error = DockerErrors.Translate(
            new DockerApiException(HttpStatusCode.BadRequest, """{"message":"client version 1.44 is too new"}"""), "version", CancellationToken.None);

        var request = Assert.IsType<EngineRequestException>(error);
        Assert.Equal(HttpStatusCode.BadRequest, request.StatusCode);
        Assert.Equal("client version 1.44 is too new", request.Message);
    }

    [Fact]
    public void ABodyThatIsNotJsonIsGivenAsIs()
    {
        var error = DockerErrors.Translate(new DockerApiException(HttpStatusCode.BadGateway, "proxy says no\n"), "list", CancellationToken.None);

        Assert.Equal("proxy says no", error?.Message);
    }

    [Theory]
    [MemberData(nameof(BrokenConnections))]
    public void ABrokenOrMissingConnectionMeansTheEngineIsUnavailable(Exception broken)
    {
        Assert.IsType<EngineUnavailableException>(DockerErrors.Translate(broken, "start", CancellationToken.None));
    }

    [Fact]
    public void TheLibraryTimingOutMeansTheEngineIsUnavailableButTheCallerCancellingStaysACancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.IsType<EngineUnavailableException>(DockerErrors.Translate(new TaskCanceledException(), "stop", CancellationToken.None));
        Assert.Null(DockerErrors.Translate(new OperationCanceledException(cancelled.Token), "stop", cancelled.Token));
    }

    [Fact]
    public void ABugIsNotDisguisedAsAnEngineError()
    {
        Assert.Null(DockerErrors.Translate(new ArgumentNullException("id"), "inspect", CancellationToken.None));
    }

    public static TheoryData<Exception> BrokenConnections() => new()
    {
        new HttpRequestException("Connection failed.", new SocketException((int)SocketError.ConnectionRefused)),
        new IOException("The response ended prematurely."),
        new SocketException((int)SocketError.ConnectionReset),
    };
}
