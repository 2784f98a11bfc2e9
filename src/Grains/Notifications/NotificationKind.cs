namespace OrleansChat.Grains.Notifications;

/// <summary>Why a user got a notification.</summary>
public enum NotificationKind
{
    DirectMessage = 0,
    Mention = 1,
    FriendRequest = 2,
    FriendAccepted = 3,
    GameInvite = 4,
    GameInviteAnswered = 5,
    RoomInvite = 6,
    Moderation = 7,
}
