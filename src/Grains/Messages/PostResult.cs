using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>The stored message; <see cref="Duplicate"/> is true when this was a retry of a message already stored.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PostResult(
    [property: Id(0)] ChatMessage Message,
    [property: Id(1)] bool Duplicate);
