namespace OrleansChat.LoadTest.Targets;

/// <summary>A signed-in user the load generator acts as.</summary>
/// <param name="UserId">The user id as the hub reports it in <c>senderId</c>.</param>
/// <param name="DisplayName">Username or generated name, for logs.</param>
/// <param name="AccessToken">Sent as <c>Authorization: Bearer</c> on REST calls.</param>
/// <param name="HubToken">
/// Sent as <c>access_token</c> on the hub's WebSocket URL: the gateway's short hub token (what its
/// web client sends), or the baseline hub's user id.
/// </param>
internal sealed record ChatIdentity(string UserId, string DisplayName, string AccessToken, string HubToken)
{
    public override string ToString() => $"{DisplayName} ({UserId})";
}
