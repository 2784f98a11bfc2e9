using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Implemented by gateway nodes: one observer per node subscribes to the user grain of each user
/// connected there, and relays to that user's connections.
/// </summary>
public interface IUserObserver : IGrainObserver
{
    Task OnNotification(NotificationEvent e);

    /// <summary>The presence of the user or of one of their friends changed.</summary>
    Task OnPresenceChanged(PresenceChangedEvent e);

    Task OnFriendshipChanged(FriendshipChangedEvent e);

    Task OnGameInviteChanged(GameInviteChangedEvent e);
}
