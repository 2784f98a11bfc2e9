using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>How far one member has read a conversation.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReadPosition(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Seq);
