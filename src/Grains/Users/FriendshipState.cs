namespace OrleansChat.Grains.Users;

/// <summary>The relationship of one user to another, from the first user's side.</summary>
public enum FriendshipState
{
    None = 0,
    Friends = 1,
    RequestSent = 2,
    RequestReceived = 3,
}
