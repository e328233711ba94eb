using Aspire.Sandbox.Api.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.UnitTests.Api;

public sealed class CreateSessionValidatorTests
{
    private static readonly CreateSessionValidator Validator = new(new TemplateCatalog(new ConfigurationBuilder().Build()));

    [Fact]
    public void ValidBodyAtEveryLimitHasNoErrors()
    {
        var files = Enumerable.Range(0, 1_000).Select(i => new WorkspaceFile($"dir{i % 10}/f{i}", "")).ToList();
        files[0] = files[0] with { Content = new string('x', 10 * 1024 * 1024) };
        var request = new CreateSessionRequest("shell", new string('n', 200), files,
            new Dictionary<string, string> { ["A_1"] = new string('v', 64 * 1024) },
            Enumerable.Range(0, 64).ToDictionary(i => $"S{i}", _ => "v"));

        Assert.Empty(Validator.Validate(request));
    }

    [Fact]
    public void EachLimitExceededByOneNamesItsField()
    {
        var tooMuch = new[] { new WorkspaceFile("a", new string('x', 10 * 1024 * 1024)), new WorkspaceFile("b", "y") };
        Assert.Contains("files", Validator.Validate(new CreateSessionRequest("shell", null, tooMuch, null, null)).Keys);
        var tooMany = Enumerable.Range(0, 1_001).Select(i => new WorkspaceFile($"f{i}", "")).ToArray();
        Assert.Contains("files", Validator.Validate(new CreateSessionRequest("shell", null, tooMany, null, null)).Keys);
        var secrets = Enumerable.Range(0, 65).ToDictionary(i => $"S{i}", _ => "v");
        Assert.Contains("secrets", Validator.Validate(new CreateSessionRequest("shell", null, null, null, secrets)).Keys);
        Assert.Contains("name", Validator.Validate(new CreateSessionRequest("shell", new string('n', 201), null, null, null)).Keys);
        var longValue = new Dictionary<string, string> { ["A"] = new string('v', 64 * 1024 + 1) };
        Assert.Contains("env.A", Validator.Validate(new CreateSessionRequest("shell", null, null, longValue, null)).Keys);
    }

    [Theory]
    [InlineData(null, "template")]
    [InlineData(" ", "template")]
    [InlineData("nope", "template")]
    public void MissingOrUnknownTemplateIsNamed(string? template, string field) =>
        Assert.Contains(field, Validator.Validate(new CreateSessionRequest(template, null, null, null, null)).Keys);

    [Fact]
    public void FilesThatCollideAreRefused()
    {
        WorkspaceFile[] duplicate = [new("a/b", ""), new("a/b", "")];
        WorkspaceFile[] fileThenDirectory = [new("a", ""), new("a/b", "")];
        WorkspaceFile[] directoryThenFile = [new("a/b", ""), new("a", "")];

        Assert.Contains("files[1].path", Validator.Validate(new CreateSessionRequest("shell", null, duplicate, null, null)).Keys);
        Assert.Contains("files[1].path", Validator.Validate(new CreateSessionRequest("shell", null, fileThenDirectory, null, null)).Keys);
        Assert.Contains("files[1].path", Validator.Validate(new CreateSessionRequest("shell", null, directoryThenFile, null, null)).Keys);
    }

    [Fact]
    public void SecretNamesAreNeverEchoedBack()
    {
        var errors = Validator.Validate(new CreateSessionRequest("shell", null, null, null, new Dictionary<string, string> { ["sk-live-123"] = "v" }));

        Assert.Equal(["secrets"], errors.Keys);
        Assert.DoesNotContain(errors.Values.SelectMany(m => m), m => m.Contains("sk-live-123"));
    }
}
