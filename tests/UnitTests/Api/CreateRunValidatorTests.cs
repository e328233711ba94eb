using Aspire.Sandbox.Api.Sessions;

namespace Aspire.Sandbox.UnitTests.Api;

public sealed class CreateRunValidatorTests
{
    private static readonly CreateRunValidator Validator = new();

    [Fact]
    public void PromptOfExactly256KiBPassesAndOneByteMoreFails()
    {
        Assert.Empty(Validator.Validate(new CreateRunRequest(new string('p', 256 * 1024), null, null, null, null)));
        // Bytes, not characters: one two-byte character tips it over.
        Assert.Contains("prompt", Validator.Validate(new CreateRunRequest(new string('p', 256 * 1024 - 1) + "é", null, null, null, null)).Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86_401)]
    [InlineData(-5)]
    public void TimeoutOutsideOneSecondToOneDayIsRefused(int seconds) =>
        Assert.Contains("timeoutSeconds", Validator.Validate(new CreateRunRequest("a", null, null, null, seconds)).Keys);

    [Fact]
    public void CommandMustBeAUsableArgv()
    {
        Assert.Contains("command", Validator.Validate(new CreateRunRequest("a", ["ls"], null, null, null)).Keys);
        Assert.Contains("command", Validator.Validate(new CreateRunRequest(null, [], null, null, null)).Keys);
        Assert.Contains("command", Validator.Validate(new CreateRunRequest(null, [""], null, null, null)).Keys);
        Assert.Contains("command", Validator.Validate(new CreateRunRequest(null, ["ls", null!], null, null, null)).Keys);
        Assert.Contains("command", Validator.Validate(new CreateRunRequest(null, ["l\0s"], null, null, null)).Keys);
        Assert.Empty(Validator.Validate(new CreateRunRequest(null, ["sh", "-c", "echo ok"], null, null, 30)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("A=B")]
    [InlineData("Ä")]
    public void InvalidVariableNamesAreNamed(string name) =>
        Assert.Contains($"env.{name}", Validator.Validate(new CreateRunRequest("a", null, new Dictionary<string, string> { [name] = "v" }, null, null)).Keys);
}
