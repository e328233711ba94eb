using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Authentication;

/// <summary>
/// The configured API keys, kept only as SHA-256 hashes and matched in constant time. Shared by the
/// authentication handler and the rate limiter, so both agree on who the caller is.
/// </summary>
public sealed class ApiKeyRing(IOptions<ApiKeyOptions> options)
{
    private readonly byte[][] _keyHashes = options.Value.ApiKeys.Where(k => k.Length > 0).Select(Hash).ToArray();

    /// <summary>The owner id of a configured key (a prefix of its hash, so keys never reach Redis or logs), or null.</summary>
    public string? OwnerOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var hash = Hash(presented);
        var match = false;
        // Every key is compared, whichever matches, so timing says nothing about which one or how much.
        foreach (var known in _keyHashes) match |= CryptographicOperations.FixedTimeEquals(known, hash);
        return match ? Convert.ToHexStringLower(hash, 0, 12) : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
