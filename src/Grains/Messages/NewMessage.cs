using System.Collections.Immutable;

namespace OrleansChat.Grains.Messages;

/// <summary>A validated message waiting for its sequence number.</summary>
internal sealed record NewMessage(
    string SenderId,
    string ClientMessageId,
    string Text,
    DateTimeOffset CreatedAt,
    long? ReplyToSeq,
    ImmutableArray<string> Mentions);
