namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A message, in the shape the hub's events carry (see docs/hub-protocol.md).</summary>
/// <param name="ConversationId"><c>room:&lt;roomId&gt;</c> or <c>dm:&lt;userA&gt;:&lt;userB&gt;</c>.</param>
/// <param name="Seq">Position in the conversation: 1, 2, 3 … with no gaps.</param>
/// <param name="MessageId">Stable id: <c>&lt;conversationId&gt;#&lt;seq&gt;</c>.</param>
/// <param name="SenderId">The author's user id.</param>
/// <param name="SenderName">The author's display name (as text; never HTML).</param>
/// <param name="Text">The text exactly as stored (render it as text); empty when deleted.</param>
/// <param name="SentAt">When it was stored.</param>
/// <param name="EditedAt">When it was last edited.</param>
/// <param name="Deleted">A tombstone: the text is gone.</param>
/// <param name="ReplyToSeq">The message it replies to.</param>
/// <param name="Mentions">Usernames mentioned with @.</param>
/// <param name="Reactions">Reactions by emoji.</param>
public sealed record MessageView(
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
    IReadOnlyList<string> Mentions,
    IReadOnlyList<ReactionView> Reactions);
