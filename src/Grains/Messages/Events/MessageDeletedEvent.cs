using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A message became a tombstone.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageDeletedEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string DeletedBy,
    [property: Id(3)] DateTimeOffset DeletedAt);
