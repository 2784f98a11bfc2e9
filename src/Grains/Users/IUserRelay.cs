using OrleansChat.Grains.Notifications;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Grain-to-grain calls into a user grain (internal: not callable through the public API).
/// They interleave with the user's own calls, so two user grains calling each other never deadlock.
/// </summary>
internal interface IUserRelay : IGrainWithStringKey
{
    /// <summary>Stores a notification in the inbox (unless the user blocks the actor) and pushes it to the user's observers.</summary>
    [AlwaysInterleave]
    Task Notify(NotificationDraft draft);

    [AlwaysInterleave]
    Task FriendPresenceChanged(PresenceChangedEvent e);

    [AlwaysInterleave]
    Task FriendshipChanged(FriendshipChangedEvent e);

    [AlwaysInterleave]
    Task GameInviteChanged(GameInviteChangedEvent e);
}
