using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A message was committed to the log (sent after the commit, in sequence order).</summary>
[GenerateSerializer]
[Immutable]
public sealed record MessagePostedEvent([property: Id(0)] ChatMessage Message);
