namespace OrleansChat.LoadTest.Baseline;

/// <summary>The hub contract's <c>MessageView</c>, field for field, so the baseline sends the same bytes per message as the real hub.</summary>
internal sealed record BaselineMessageView(
    string ConversationId,
    long Seq,
    string MessageId,
    string SenderId,
    string SenderName,
    string Text,
    DateTimeOffset SentAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    long? ReplyToSeq,
    string[] Mentions,
    object[] Reactions);
