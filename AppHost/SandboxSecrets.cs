using System.Security.Cryptography;

/// <summary>Secrets the AppHost makes up for a development run.</summary>
internal static class SandboxSecrets
{
    /// <summary>
    /// HMAC key for session tokens, shared by api (issues) and web (checks). New on every start: tokens from
    /// an earlier run stop working, which is what a development run wants.
    /// </summary>
    public static string NewTokenSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>AES-256 key that seals run secrets while they wait in Redis (api seals, worker unseals).</summary>
    public static string NewSecretsKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewApiKey() => "sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>Labels this run's containers, so the worker removes exactly its own on shutdown.</summary>
    public static string NewAppInstanceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
