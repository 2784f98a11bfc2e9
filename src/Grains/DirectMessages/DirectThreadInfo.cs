using OrleansChat.Runtime;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>A direct-message thread as a participant sees it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record DirectThreadInfo(
    [property: Id(0)] string ThreadKey,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string OtherUserId,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] bool Blocked);
