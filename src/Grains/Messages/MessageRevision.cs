using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>An earlier text of an edited message: what it said before <see cref="RevisedAt"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageRevision(
    [property: Id(0)] long Seq,
    [property: Id(1)] string PreviousText,
    [property: Id(2)] string RevisedBy,
    [property: Id(3)] DateTimeOffset RevisedAt);
