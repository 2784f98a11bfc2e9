using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A member read the conversation up to <see cref="Seq"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReadReceiptEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] long Seq,
    [property: Id(3)] DateTimeOffset At);
