using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Persistence of conversation logs. Every method is one database round trip unless noted;
/// <see cref="AppendAsync"/> writes a whole batch of messages in one.
/// </summary>
internal interface IMessageStore
{
    /// <summary>The newest sequence number of <paramref name="conversationId"/> (0 when empty).</summary>
    Task<long> GetLastSeqAsync(string conversationId);

    /// <summary>
    /// Appends <paramref name="messages"/> with sequence numbers <paramref name="lastSeq"/>+1, +2, ...
    /// in order, skipping (and returning instead) those whose (sender, client message id) is already
    /// stored. Outcomes come in input order. Throws a unique violation (and writes nothing) when a
    /// sequence number is taken, which means <paramref name="lastSeq"/> is stale.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(string conversationId, long lastSeq, IReadOnlyList<NewMessage> messages);

    /// <summary>A page of messages with reactions as seen by <paramref name="viewerId"/>, ascending; HasMore as in <see cref="MessagePage"/>.</summary>
    Task<(IReadOnlyList<ChatMessage> Messages, bool HasMore)> ReadPageAsync(string conversationId, HistoryQuery query, string viewerId);

    /// <summary>One message, or null.</summary>
    Task<ChatMessage?> GetAsync(string conversationId, long seq, string viewerId);

    /// <summary>Replaces the text of a live message by <paramref name="authorId"/>, keeping the old text as a revision.</summary>
    Task<ChangeOutcome> EditAsync(string conversationId, long seq, string authorId, string text, DateTimeOffset at);

    /// <summary>Turns a live message into a tombstone (text kept only as a revision for audit); writes <paramref name="audit"/> in the same transaction.</summary>
    Task<ChangeOutcome> DeleteAsync(string conversationId, long seq, string actorId, DateTimeOffset at, AuditEntry? audit);

    /// <summary>Adds or removes a user's reaction on a live message.</summary>
    Task<ToggleOutcome> ToggleReactionAsync(string conversationId, long seq, string userId, string emoji, DateTimeOffset at);

    /// <summary>Earlier texts of a message's edits, oldest first.</summary>
    Task<IReadOnlyList<MessageRevision>> GetRevisionsAsync(string conversationId, long seq);

    /// <summary>Moves a read position forward (never back); returns the stored position.</summary>
    Task<long> MarkReadAsync(string userId, string conversationId, long seq, DateTimeOffset at);

    /// <summary>The read positions of a conversation, the most recently moved first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ReadPosition>> GetReadPositionsAsync(string conversationId, int limit);
}
