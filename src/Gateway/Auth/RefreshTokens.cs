using System.Buffers.Text;
using System.Security.Cryptography;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Refresh tokens: <c>{sessionId:N}.{base64url(32 random bytes)}</c>. Opaque to clients, valid
/// once (each use returns a new one), and stored only as the SHA-256 of the random part; a fast
/// hash is enough because the secret has 256 bits of entropy.
/// </summary>
internal static class RefreshTokens
{
    private const int SecretBytes = 32;
    private const int MaxLength = 32 + 1 + 64;

    public static (string Token, byte[] Hash) Create(Guid sessionId)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var token = sessionId.ToString("N") + "." + Base64Url.EncodeToString(secret);
        return (token, SHA256.HashData(secret));
    }

    public static bool TryParse(string? token, out Guid sessionId, out byte[] hash)
    {
        sessionId = Guid.Empty;
        hash = [];
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 32 || !Guid.TryParseExact(token.AsSpan(0, dot), "N", out sessionId))
        {
            return false;
        }

        var encoded = token.AsSpan(dot + 1);
        Span<byte> secret = stackalloc byte[64];
        if (!Base64Url.IsValid(encoded) || !Base64Url.TryDecodeFromChars(encoded, secret, out var written) || written != SecretBytes)
        {
            return false;
        }

        hash = SHA256.HashData(secret[..written]);
        return true;
    }
}
