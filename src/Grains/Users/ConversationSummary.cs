using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// One of a user's conversations with its unread count (messages by others after the read
/// position, deleted ones excluded, counted up to 1,000). <see cref="TargetId"/> is the room id or
/// the other participant's user id.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ConversationSummary(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] string TargetId,
    [property: Id(3)] string? Title,
    [property: Id(4)] RoomRole? Role,
    [property: Id(5)] long LastSeq,
    [property: Id(6)] long LastReadSeq,
    [property: Id(7)] int UnreadCount);
