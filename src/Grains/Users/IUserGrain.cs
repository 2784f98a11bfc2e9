using System.Collections.Immutable;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Notifications;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// One user, keyed by user id. Methods that change or reveal private data act only for the user
/// themself (the caller in the call context must be the key, else <c>auth.forbidden</c>);
/// <see cref="GetProfile"/> is open to every authenticated caller.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account (self). Errors: <c>validation.name</c>, <c>user.name_taken</c>, <c>user.already_registered</c>.</summary>
    Task<UserProfile> Register(RegisterUserRequest request);

    /// <summary>The public profile with presence (any caller). Error: <c>user.not_found</c>.</summary>
    Task<UserProfile> GetProfile();

    Task<UserProfile> UpdateProfile(UpdateProfileRequest request);

    /// <summary>Sets (or clears, with null or empty) the custom status, e.g. "in a game"; friends are told.</summary>
    Task<UserProfile> SetCustomStatus(string? status);

    /// <summary>
    /// A gateway node reports how many of the user's connections it holds, active and idle. The report
    /// expires unless renewed (<c>ChatOptions.PresenceLeaseLifetime</c>); zero and zero removes it.
    /// Returns the user's presence over all nodes.
    /// </summary>
    Task<PresenceStatus> ReportPresence(string nodeId, int activeConnections, int idleConnections);

    /// <summary>Sends a friend request, or accepts one the other user already sent. Returns the new state.</summary>
    Task<FriendshipState> SendFriendRequest(string userId);

    Task AcceptFriendRequest(string userId);

    Task DeclineFriendRequest(string userId);

    Task CancelFriendRequest(string userId);

    Task RemoveFriend(string userId);

    Task<FriendList> GetFriends();

    /// <summary>Blocks a user: ends friendship and requests, cancels game invitations, refuses DMs, requests and invites both ways.</summary>
    Task Block(string userId);

    Task Unblock(string userId);

    Task<ImmutableArray<string>> GetBlockedUsers();

    /// <summary>Invites a user to play; the invitation expires after <c>ChatOptions.GameInviteLifetime</c>.</summary>
    Task<GameInvite> InviteToGame(string userId, string game);

    /// <summary>Accepts or declines an invitation sent to the caller. Errors: <c>game.invite_expired</c>, <c>game.invite_closed</c>.</summary>
    Task<GameInvite> RespondToGameInvite(Guid inviteId, bool accept);

    Task<GameInvite> CancelGameInvite(Guid inviteId);

    /// <summary>Open invitations to and from the caller.</summary>
    Task<ImmutableArray<GameInvite>> GetGameInvites();

    Task<NotificationPage> GetNotifications(NotificationQuery query);

    /// <summary>Marks every notification up to <paramref name="upToId"/> read; returns the unread count left.</summary>
    Task<int> MarkNotificationsRead(long upToId);

    /// <summary>The caller's rooms and DM threads with unread counts.</summary>
    Task<ImmutableArray<ConversationSummary>> GetConversations();

    /// <summary>Subscribes (or renews) a gateway node's observer for this user's notifications and presence updates.</summary>
    Task<SubscriptionLease> Subscribe(IUserObserver observer);

    Task Unsubscribe(IUserObserver observer);
}
