namespace OrleansChat.Grains.Messages.Events;

/// <summary>What happened to a member.</summary>
public enum MembershipChange
{
    Joined = 0,
    Left = 1,
    Kicked = 2,
    Banned = 3,
    Unbanned = 4,
    Muted = 5,
    Unmuted = 6,
    RoleChanged = 7,
    Invited = 8,
}
