using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>Outcome of a reaction toggle: whether the caller's reaction is now present, and the emoji's count.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReactionResult(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Emoji,
    [property: Id(2)] bool Added,
    [property: Id(3)] int Count);
