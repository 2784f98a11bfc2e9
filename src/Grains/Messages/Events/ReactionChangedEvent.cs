using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A user added or removed a reaction; <see cref="Count"/> is the emoji's new count on the message.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReactionChangedEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Emoji,
    [property: Id(3)] string UserId,
    [property: Id(4)] bool Added,
    [property: Id(5)] int Count);
