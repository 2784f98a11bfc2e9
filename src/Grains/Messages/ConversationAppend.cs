namespace OrleansChat.Grains.Messages;

/// <summary>One conversation's part of an append: its messages, numbered from <see cref="LastSeq"/> + 1 in order.</summary>
internal sealed record ConversationAppend(string ConversationId, long LastSeq, IReadOnlyList<NewMessage> Messages);
