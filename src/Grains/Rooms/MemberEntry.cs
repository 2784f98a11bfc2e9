namespace OrleansChat.Grains.Rooms;

/// <summary>What a room needs to know about one member.</summary>
internal sealed record MemberEntry(RoomRole Role, DateTimeOffset JoinedAt, DateTimeOffset? MutedUntil)
{
    public bool IsMutedAt(DateTimeOffset now) => MutedUntil is { } until && until > now;
}
