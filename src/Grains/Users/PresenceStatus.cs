namespace OrleansChat.Grains.Users;

/// <summary>A user's presence, computed from their live connections on all gateway nodes.</summary>
public enum PresenceStatus
{
    Offline = 0,
    Away = 1,
    Online = 2,
}
