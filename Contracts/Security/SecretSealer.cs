using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Contracts.Security;

/// <summary>
/// Seals a run's secrets (AES-GCM) so they never sit in Redis in clear text while queued.
/// Sealed form: base64(nonce ‖ tag ‖ ciphertext of the JSON object).
/// </summary>
public sealed class SecretSealer(IOptions<SandboxSecurityOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = options.Value.SecretsKey is { Length: > 0 } key
        ? Convert.FromBase64String(key)
        : throw new InvalidOperationException("Sandbox:SecretsKey (base64, 32 bytes) is required to accept secrets.");

    public string Seal(IReadOnlyDictionary<string, string> secrets)
    {
        var plain = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(secrets));
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        CryptographicOperations.ZeroMemory(plain);
        return Convert.ToBase64String(sealedBytes);
    }

    public IReadOnlyDictionary<string, string> Unseal(string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize),
            sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(plain) ?? [];
    }
}
