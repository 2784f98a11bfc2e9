namespace OrleansChat.Gateway.Auth;

/// <summary>What a hub token says (see <see cref="HubTokenCodec"/>): who, which session, until when, signed with which key.</summary>
/// <param name="KeyId">The ring key whose derived hub-token key made the MAC.</param>
/// <param name="ExpiresAtSeconds">Unix seconds; the access token issued with it expires at the same time.</param>
internal readonly record struct HubTokenContent(
    string KeyId, Guid UserId, Guid SessionId, long ExpiresAtSeconds, bool IsGuest, string Username);
