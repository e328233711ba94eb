using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Sandbox.Api.Problems;
using Aspire.Sandbox.Api.Sessions;

namespace Aspire.Sandbox.UnitTests.Api;

/// <summary>Serializer failures become a field and a sentence, with no .NET type names.</summary>
public sealed class JsonErrorDescriberTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    [Theory]
    [InlineData("""{"template":5}""", "template", "Expected a string.")]
    [InlineData("""{"files":{}}""", "files", "Expected an array of objects.")]
    [InlineData("""{"files":[{"path":"a","content":[]}]}""", "files[0].content", "Expected a string.")]
    [InlineData("""{"env":{"a.b":1}}""", "env.a.b", "Expected a string.")]
    [InlineData("""{"env":[]}""", "env", "Expected an object whose values are strings.")]
    [InlineData("""{"files":[{"pth":"a"}]}""", "files[0].pth", "Unknown field: the contract has no field of this name here.")]
    [InlineData("""{"name":"a","name":"b"}""", "name", "This field appears more than once.")]
    [InlineData("""{"template":"\udc00"}""", "template", "The text is not valid UTF-8 (or holds an unpaired UTF-16 surrogate).")]
    [InlineData("""[]""", "body", "Expected an object.")]
    public void FieldAndMessageNameTheProblem(string json, string field, string message)
    {
        var (actualField, actualMessage) = Describe(Encoding.UTF8.GetBytes(json), typeof(CreateSessionRequest));
        Assert.Equal((field, message), (actualField, actualMessage));
    }

    [Fact]
    public void SyntaxErrorsAndInvalidUtf8SayWhatIsWrong()
    {
        var (_, syntax) = Describe("""{"template":"shell",}"""u8.ToArray(), typeof(CreateSessionRequest));
        var (_, utf8) = Describe([.. "{\"template\":\""u8, 0xC3, 0x28, .. "\"}"u8], typeof(CreateSessionRequest));

        Assert.StartsWith("Malformed JSON:", syntax);
        Assert.Contains("UTF-8", utf8);
        Assert.DoesNotContain("System.", syntax + utf8);
    }

    [Fact]
    public void TimeoutGivenAsTextIsAnInteger()
    {
        var (field, message) = Describe("""{"timeoutSeconds":"5"}"""u8.ToArray(), typeof(CreateRunRequest));
        Assert.Equal(("timeoutSeconds", "Expected an integer."), (field, message));
    }

    private static (string Field, string Message) Describe(byte[] json, Type type)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, type, Options));
        return JsonErrorDescriber.Describe(error, type, Options);
    }
}
