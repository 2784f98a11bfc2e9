namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>The caller's relationship to a user.</summary>
/// <param name="UserId">The other user.</param>
/// <param name="State"><c>none</c>, <c>friends</c>, <c>outgoing</c> (request sent) or <c>incoming</c> (request received).</param>
public sealed record FriendshipView(
    string UserId,
    string State);
