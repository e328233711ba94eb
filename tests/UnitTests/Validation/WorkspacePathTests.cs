using Aspire.Sandbox.Api.Sessions;

namespace Aspire.Sandbox.UnitTests.Validation;

public sealed class WorkspacePathTests
{
    [Theory]
    [InlineData("main.py")]
    [InlineData("src/app/index.js")]
    [InlineData(".env")]
    public void RelativePathsInsideTheWorkspaceAreAccepted(string path) => Assert.Null(WorkspacePath.Problem(path));

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../x")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a\\..\\b")]
    [InlineData("C:x")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    public void PathsThatCouldLeaveTheWorkspaceAreRefused(string path) => Assert.NotNull(WorkspacePath.Problem(path));
}
