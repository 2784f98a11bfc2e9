namespace OrleansChat.Grains.Messages;

/// <summary>One message of an append: stored now (<see cref="Created"/>) or found stored by an earlier attempt.</summary>
internal sealed record AppendOutcome(ChatMessage Message, bool Created);
