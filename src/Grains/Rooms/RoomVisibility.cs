namespace OrleansChat.Grains.Rooms;

/// <summary>Who may find and join a room.</summary>
public enum RoomVisibility
{
    /// <summary>Listed; anyone not banned may read and join.</summary>
    Public = 0,

    /// <summary>Unlisted; only invited users may join, only members may read.</summary>
    Private = 1,

    /// <summary>Listed; joining needs the password (or an invitation); only members may read.</summary>
    PasswordProtected = 2,
}
