namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Friends and pending requests.</summary>
/// <param name="Friends">Accepted friends.</param>
/// <param name="Incoming">Requests to the caller.</param>
/// <param name="Outgoing">Requests from the caller.</param>
public sealed record FriendsView(
    IReadOnlyList<FriendView> Friends,
    IReadOnlyList<FriendView> Incoming,
    IReadOnlyList<FriendView> Outgoing);
