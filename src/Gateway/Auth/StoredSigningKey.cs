namespace OrleansChat.Gateway.Auth;

/// <summary>A row of <c>auth_signing_keys</c>, its material still encrypted.</summary>
internal sealed record StoredSigningKey(
    string KeyId, string Algorithm, byte[] ProtectedKey, DateTimeOffset ActivatesAt, DateTimeOffset SignUntil, DateTimeOffset VerifyUntil)
{
    public override string ToString() => $"StoredSigningKey {KeyId}";
}
