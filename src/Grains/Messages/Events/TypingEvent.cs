using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A user is typing. Transient: never stored, throttled per user.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TypingEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] DateTimeOffset At);
