using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Contracts.Security;

/// <summary>
/// Signed session capabilities: <c>v1.&lt;payload&gt;.&lt;hmac&gt;</c>, base64url, HMAC-SHA256 over
/// "v1.&lt;payload&gt;". Shared by Api (issues) and Web (checks hub connections).
/// </summary>
public sealed class SessionTokenService
{
    private const string Version = "v1";
    private readonly byte[][] _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public SessionTokenService(IOptions<SandboxSecurityOptions> options, TimeProvider time)
    {
        _keys = options.Value.TokenKeys.Select(Convert.FromBase64String).ToArray();
        if (_keys.Length == 0 || _keys.Any(k => k.Length < 32))
            throw new InvalidOperationException("Sandbox:TokenKeys needs at least one base64 key of 32 bytes or more.");
        _time = time;
        _lifetime = options.Value.TokenLifetime;
    }

    public string Issue(string sessionId, SessionRole role)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(sessionId, role == SessionRole.Owner ? "owner" : "viewer", expires));
        var signed = $"{Version}.{Base64Url.EncodeToString(payload)}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(_keys[0], signed))}";
    }

    /// <summary>Returns the claims of a valid, unexpired token, or null. Never throws on bad input.</summary>
    public SessionTokenClaims? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        var lastDot = token.LastIndexOf('.');
        if (lastDot < 0 || !token.StartsWith(Version + ".", StringComparison.Ordinal)) return null;
        var signed = token[..lastDot];
        byte[] signature;
        try { signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1)); }
        catch (FormatException) { return null; }

        var valid = false;
        foreach (var key in _keys) valid |= CryptographicOperations.FixedTimeEquals(Sign(key, signed), signature);
        if (!valid) return null;

        TokenPayload? payload;
        try { payload = JsonSerializer.Deserialize<TokenPayload>(Base64Url.DecodeFromChars(signed.AsSpan(Version.Length + 1))); }
        catch (Exception e) when (e is FormatException or JsonException) { return null; }
        if (payload is null || string.IsNullOrEmpty(payload.Sid)) return null;

        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        if (expires <= _time.GetUtcNow()) return null;
        var role = payload.Role == "owner" ? SessionRole.Owner : SessionRole.Viewer;
        return new SessionTokenClaims(payload.Sid, role, expires);
    }

    private static byte[] Sign(byte[] key, string signed) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed));

    private sealed record TokenPayload(string Sid, string Role, long Exp);
}
