using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Encrypts signing keys for storage in PostgreSQL with AES-256-GCM under a key derived (HKDF-SHA256)
/// from <see cref="GatewayAuthOptions.SigningSecret"/>. The key id is authenticated data, so a
/// ciphertext cannot be moved to another row. Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// </summary>
internal sealed class SigningKeyProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Salt = "OrleansChat.Gateway/auth_signing_keys"u8.ToArray();
    private static readonly byte[] Info = "AES-256-GCM key wrapping, format 1"u8.ToArray();

    private readonly byte[] _wrappingKey;

    public SigningKeyProtector(IOptions<GatewayAuthOptions> options)
    {
        var secret = options.Value.SigningSecret
            ?? throw new InvalidOperationException($"{GatewayAuthOptions.SectionName}:SigningSecret is not set.");
        _wrappingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, Salt, Info);
    }

    public byte[] Protect(string keyId, ReadOnlySpan<byte> material)
    {
        var blob = new byte[1 + NonceSize + TagSize + material.Length];
        blob[0] = FormatVersion;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_wrappingKey, TagSize);
        aes.Encrypt(nonce, material, blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(keyId));
        return blob;
    }

    /// <exception cref="CryptographicException">The blob was made with another secret, altered, or moved from another key id.</exception>
    public byte[] Unprotect(string keyId, ReadOnlySpan<byte> blob)
    {
        if (blob.Length <= 1 + NonceSize + TagSize || blob[0] != FormatVersion)
        {
            throw new CryptographicException($"Signing key {keyId} is stored in an unknown format.");
        }

        var material = new byte[blob.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_wrappingKey, TagSize);
        aes.Decrypt(blob.Slice(1, NonceSize), blob[(1 + NonceSize + TagSize)..], blob.Slice(1 + NonceSize, TagSize), material, Encoding.UTF8.GetBytes(keyId));
        return material;
    }
}
