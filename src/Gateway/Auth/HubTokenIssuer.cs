using OrleansChat.Gateway.Accounts;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Issues hub tokens (<see cref="HubTokenCodec"/>): the short credential for the hub WebSocket's
/// <c>access_token</c> query parameter, issued with every access token and expiring with it,
/// MACed with the ring's current key's derived hub-token key.
/// </summary>
internal sealed class HubTokenIssuer(SigningKeyRing ring)
{
    public async ValueTask<string> IssueAsync(Account account, Guid sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = await ring.GetSigningKeyAsync(cancellationToken);
        return HubTokenCodec.Encode(
            new HubTokenContent(key.KeyId, account.UserId, sessionId, expiresAt.ToUnixTimeSeconds(), account.IsGuest, account.Username),
            key.HubTokenKey);
    }
}
