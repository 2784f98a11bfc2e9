using System.Collections.Immutable;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// One message of a conversation's log. <see cref="Seq"/> numbers the conversation's messages
/// 1, 2, 3, ... with no gaps, in the order every member sees them. A deleted message stays as a
/// tombstone (empty text, <see cref="DeletedAt"/> set) so sequence numbers keep their meaning.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ChatMessage(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string SenderId,
    [property: Id(3)] string ClientMessageId,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? EditedAt,
    [property: Id(7)] DateTimeOffset? DeletedAt,
    [property: Id(8)] string? DeletedBy,
    [property: Id(9)] long? ReplyToSeq,
    [property: Id(10)] ImmutableArray<string> Mentions,
    [property: Id(11)] ImmutableArray<ReactionSummary> Reactions)
{
    public bool IsDeleted => DeletedAt is not null;
}
