using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>How many users reacted with <see cref="Emoji"/>, and whether the reader is one of them.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReactionSummary(
    [property: Id(0)] string Emoji,
    [property: Id(1)] int Count,
    [property: Id(2)] bool ReactedByMe);
