namespace OrleansChat.Grains.Rooms;

/// <summary>A member's role; higher values outrank lower ones, and nobody acts on an equal or higher role.</summary>
public enum RoomRole
{
    Member = 1,
    Admin = 2,
    Owner = 3,
}
