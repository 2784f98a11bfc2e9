namespace OrleansChat.Grains.Messages;

/// <summary>
/// What rooms and direct-message threads share: the message log and its fan-out. The caller is the
/// user named in the call context (<see cref="Security.ChatCaller"/>); every method checks that
/// this user may do it.
/// </summary>
public interface IConversationGrain : OrleansChat.Runtime.IGrainWithStringKey
{
    /// <summary>
    /// Posts a message and returns it once committed (sequence number assigned). Retrying with the
    /// same client message id returns the original. Errors: not a member/participant, muted, blocked,
    /// validation, <c>message.rate_limited</c>, <c>message.spam</c>, <c>message.filtered</c>, <c>storage.unavailable</c>.
    /// </summary>
    Task<PostResult> Post(PostMessageRequest request);

    /// <summary>Edits the caller's own message; the previous text is kept in its edit history.</summary>
    Task<ChatMessage> Edit(long seq, string text);

    /// <summary>Deletes a message as a tombstone: the author's own, or (rooms) any lower-ranked member's by an admin.</summary>
    Task<ChatMessage> DeleteMessage(long seq);

    /// <summary>Adds the caller's reaction, or removes it if present.</summary>
    Task<ReactionResult> ToggleReaction(long seq, string emoji);

    /// <summary>A page of history (see <see cref="HistoryQuery"/>).</summary>
    Task<MessagePage> GetHistory(HistoryQuery query);

    /// <summary>Earlier texts of an edited message, oldest first.</summary>
    Task<System.Collections.Immutable.ImmutableArray<MessageRevision>> GetEditHistory(long seq);

    /// <summary>Signals that the caller is typing (transient, throttled, never stored).</summary>
    Task SendTyping();

    /// <summary>Records that the caller read up to <paramref name="seq"/> (never moves back) and tells the other readers.</summary>
    Task MarkRead(long seq);

    /// <summary>How far the other members have read (the most recently moved, at most 100); members only.</summary>
    Task<System.Collections.Immutable.ImmutableArray<ReadPosition>> GetReadPositions();

    /// <summary>Subscribes (or renews) a gateway node's observer; it expires unless renewed.</summary>
    Task<SubscriptionLease> Subscribe(IConversationObserver observer);

    /// <summary>Ends a subscription.</summary>
    Task Unsubscribe(IConversationObserver observer);
}
