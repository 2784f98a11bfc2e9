using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A message's text changed; carries the message as it is now.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageEditedEvent([property: Id(0)] ChatMessage Message);
