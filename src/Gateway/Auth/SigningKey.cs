using Microsoft.IdentityModel.Tokens;

namespace OrleansChat.Gateway.Auth;

/// <summary>One HMAC-SHA256 signing key of the shared key ring.</summary>
internal sealed class SigningKey
{
    public SigningKey(string keyId, byte[] material, DateTimeOffset activatesAt, DateTimeOffset signUntil, DateTimeOffset verifyUntil)
    {
        KeyId = keyId;
        SecurityKey = new SymmetricSecurityKey(material) { KeyId = keyId };
        HubTokenKey = HubTokenCodec.DeriveKey(material);
        ActivatesAt = activatesAt;
        SignUntil = signUntil;
        VerifyUntil = verifyUntil;
    }

    public string KeyId { get; }

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>The key of hub tokens' MACs, derived from this key's material (<see cref="HubTokenCodec.DeriveKey"/>).</summary>
    public byte[] HubTokenKey { get; }

    public DateTimeOffset ActivatesAt { get; }

    public DateTimeOffset SignUntil { get; }

    public DateTimeOffset VerifyUntil { get; }

    public bool CanSignAt(DateTimeOffset now) => ActivatesAt <= now && now < SignUntil;

    public bool CanVerifyAt(DateTimeOffset now) => now < VerifyUntil;

    // Never the material.
    public override string ToString() => $"SigningKey {KeyId} (signs {ActivatesAt:O} to {SignUntil:O}, verifies until {VerifyUntil:O})";
}
