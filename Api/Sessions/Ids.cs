using System.Security.Cryptography;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>Unguessable ids: a prefix that says what it is, then 20 random base-32 characters.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewSessionId() => "ses_" + RandomNumberGenerator.GetString(Alphabet, 20);

    public static string NewRunId() => "run_" + RandomNumberGenerator.GetString(Alphabet, 20);
}
