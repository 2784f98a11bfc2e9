namespace OrleansChat.Grains.Users;

/// <summary>State of a game invitation; <see cref="Expired"/> is computed from its expiry time.</summary>
public enum GameInviteStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    Cancelled = 3,
    Expired = 4,
}
