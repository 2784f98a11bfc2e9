using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The message features rooms and DM threads share: validation, rate limit, spam and word filter,
/// the group-committed log, edits, tombstones, reactions, history, typing, read positions and the
/// fan-out to subscribed observers. The owning grain authorizes each call first; this class
/// trusts its <c>userId</c> arguments. Lives on the grain's turns.
/// </summary>
internal sealed class ConversationCore
{
    private const int TypingPruneThreshold = 1_024;
    private readonly ConversationServices _services;
    private readonly ObserverSet<IConversationObserver> _observers;
    private readonly TokenBucketLimiter _rateLimiter;
    private readonly SpamDetector _spam;
    private readonly Dictionary<string, DateTimeOffset> _lastTyping = new(StringComparer.Ordinal);

    public ConversationCore(string conversationId, ConversationServices services, ILogger logger, Action<ChatMessage> onPosted)
    {
        ConversationId = conversationId;
        _services = services;
        var options = services.Options;
        _observers = new ObserverSet<IConversationObserver>(conversationId, services.TimeProvider, options.SubscriptionLifetime, options.MaxPendingDeliveries, services.Metrics, logger);
        _rateLimiter = new TokenBucketLimiter(options.RateLimit.PermitLimit, options.RateLimit.Window, options.RateLimit.Burst);
        _spam = new SpamDetector(options.Spam);
        Log = new MessageLog(conversationId, services.Store, options.MaxBatchSize, options.RecentMessageCacheSize, message =>
        {
            _observers.Publish(new MessagePostedEvent(message), static (o, e) => o.OnMessagePosted(e));
            onPosted(message);
        }, services.Metrics, logger);
    }

    public string ConversationId { get; }

    public MessageLog Log { get; }

    private IMessageStore Store => _services.Store;

    private DateTimeOffset Now => ChatClock.Now(_services.TimeProvider);

    public ConversationLogStats Stats() => Log.Stats(_observers.Count);

    public async Task<PostResult> PostAsync(string senderId, PostMessageRequest? request)
    {
        if (request is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "A message is required.");
        }

        var clientMessageId = IdRules.RequireClientMessageId(request.ClientMessageId);
        if (Log.TryGetRecent(senderId, clientMessageId, out var recent))
        {
            return new PostResult(recent, Duplicate: true);
        }

        var text = TextRules.MessageText(request.Text, _services.Options.MaxMessageLength);
        var lastSeq = await Log.EnsureLoadedAsync();
        if (request.ReplyToSeq is { } replyTo && (replyTo < 1 || replyTo > lastSeq))
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageReplyNotFound, $"There is no message {replyTo} to reply to.");
        }

        var now = Now;
        if (!_rateLimiter.TryAcquire(senderId, now))
        {
            var wait = _rateLimiter.RetryAfter(senderId, now);
            throw ChatErrors.Of(ChatErrorCodes.MessageRateLimited, $"Too many messages; try again in {Math.Max(1, Math.Ceiling(wait.TotalSeconds))} s.");
        }

        if (!_spam.TryRecord(senderId, text, clientMessageId, now))
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageSpam, "You sent this text too often.");
        }

        text = _services.WordFilter.Apply(text);
        var ticket = Log.Append(new NewMessage(senderId, clientMessageId, text, now, request.ReplyToSeq, MentionParser.Parse(text)));
        var outcome = await ticket.Outcome;
        return new PostResult(outcome.Message, Duplicate: ticket.JoinedExisting || !outcome.Created);
    }

    public async Task<ChatMessage> EditAsync(string userId, long seq, string? text)
    {
        var normalized = _services.WordFilter.Apply(TextRules.MessageText(text, _services.Options.MaxMessageLength));
        ThrowIfNotChanged(await Store.EditAsync(ConversationId, seq, userId, normalized, Now), seq);
        var message = await Store.GetAsync(ConversationId, seq, viewerId: string.Empty) ?? throw NotFound(seq);
        _observers.Publish(new MessageEditedEvent(message), static (o, e) => o.OnMessageEdited(e));
        return message;
    }

    /// <summary>The message, or <c>message.not_found</c>; reactions as seen by <paramref name="viewerId"/>.</summary>
    public async Task<ChatMessage> GetMessageAsync(long seq, string viewerId) =>
        await Store.GetAsync(ConversationId, seq, viewerId) ?? throw NotFound(seq);

    /// <summary>Tombstones a message the grain has authorized <paramref name="actorId"/> to delete.</summary>
    public async Task<ChatMessage> DeleteAsync(string actorId, long seq, AuditEntry? audit)
    {
        var at = Now;
        var outcome = await Store.DeleteAsync(ConversationId, seq, actorId, at, audit);
        if (outcome == ChangeOutcome.Changed)
        {
            _observers.Publish(new MessageDeletedEvent(ConversationId, seq, actorId, at), static (o, e) => o.OnMessageDeleted(e));
        }
        else if (outcome != ChangeOutcome.Deleted)
        {
            // Deleting a tombstone again is a harmless retry; anything else is an error.
            ThrowIfNotChanged(outcome, seq);
        }

        return await GetMessageAsync(seq, actorId);
    }

    public async Task<ReactionResult> ToggleReactionAsync(string userId, long seq, string? emoji)
    {
        var validEmoji = TextRules.Emoji(emoji);
        var toggled = await Store.ToggleReactionAsync(ConversationId, seq, userId, validEmoji, Now);
        ThrowIfNotChanged(toggled.Outcome, seq);
        _observers.Publish(
            new ReactionChangedEvent(ConversationId, seq, validEmoji, userId, toggled.Added, toggled.Count),
            static (o, e) => o.OnReactionChanged(e));
        return new ReactionResult(seq, validEmoji, toggled.Added, toggled.Count);
    }

    public async Task<MessagePage> GetHistoryAsync(string viewerId, HistoryQuery? query)
    {
        query ??= new HistoryQuery();
        InputRules.PageLimit(query.Limit);
        if ((query.BeforeSeq is not null && query.AfterSeq is not null) || query.BeforeSeq < 0 || query.AfterSeq < 0)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "Give at most one of BeforeSeq and AfterSeq, neither negative.");
        }

        var lastSeq = await Log.EnsureLoadedAsync();
        var (messages, hasMore) = await Store.ReadPageAsync(ConversationId, query, viewerId);
        return new MessagePage([.. messages], hasMore, Math.Max(lastSeq, messages.Count == 0 ? 0 : messages[^1].Seq));
    }

    public async Task<ImmutableArray<MessageRevision>> GetRevisionsAsync(long seq) =>
        [.. await Store.GetRevisionsAsync(ConversationId, seq)];

    /// <summary>Publishes a typing signal unless the user sent one within the throttle interval.</summary>
    public void Typing(string userId)
    {
        var now = _services.TimeProvider.GetUtcNow();
        if (_lastTyping.TryGetValue(userId, out var last) && now - last < _services.Options.TypingThrottle)
        {
            return;
        }

        if (_lastTyping.Count > TypingPruneThreshold)
        {
            foreach (var (user, at) in _lastTyping)
            {
                if (now - at >= _services.Options.TypingThrottle)
                {
                    _lastTyping.Remove(user);
                }
            }
        }

        _lastTyping[userId] = now;
        _observers.Publish(new TypingEvent(ConversationId, userId, now), static (o, e) => o.OnTyping(e));
    }

    public async Task MarkReadAsync(string userId, long seq)
    {
        if (seq < 0)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "A read position cannot be negative.");
        }

        var lastSeq = await Log.EnsureLoadedAsync();
        var at = Now;
        var stored = await Store.MarkReadAsync(userId, ConversationId, Math.Min(seq, lastSeq), at);
        _observers.Publish(new ReadReceiptEvent(ConversationId, userId, stored, at), static (o, e) => o.OnReadReceipt(e));
    }

    /// <summary>The conversation's read positions, except the caller's (what read receipts start from).</summary>
    public async Task<ImmutableArray<ReadPosition>> GetReadPositionsAsync(string callerId, int limit) =>
        [.. (await Store.GetReadPositionsAsync(ConversationId, limit + 1)).Where(p => p.UserId != callerId).Take(limit)];

    public async Task<SubscriptionLease> SubscribeAsync(IConversationObserver? observer)
    {
        if (observer is null)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, "An observer is required.");
        }

        var lastSeq = await Log.EnsureLoadedAsync();
        return new SubscriptionLease(_observers.Subscribe(observer), lastSeq);
    }

    public void Unsubscribe(IConversationObserver? observer)
    {
        if (observer is not null)
        {
            _observers.Unsubscribe(observer);
        }
    }

    public void Publish(MembershipChangedEvent e) => _observers.Publish(e, static (o, x) => o.OnMembershipChanged(x));

    public void Publish(ConversationChangedEvent e) => _observers.Publish(e, static (o, x) => o.OnConversationChanged(x));

    /// <summary>Ends every subscription (after a final event, e.g. the room was deleted).</summary>
    public void EndSubscriptions() => _observers.Clear();

    private static ChatException NotFound(long seq) => ChatErrors.Of(ChatErrorCodes.MessageNotFound, $"There is no message {seq}.");

    private static void ThrowIfNotChanged(ChangeOutcome outcome, long seq)
    {
        switch (outcome)
        {
            case ChangeOutcome.Changed:
                return;
            case ChangeOutcome.Deleted:
                throw ChatErrors.Of(ChatErrorCodes.MessageDeleted, $"Message {seq} was deleted.");
            case ChangeOutcome.NotAuthor:
                throw ChatErrors.Of(ChatErrorCodes.MessageNotAuthor, $"Only the author can change message {seq}.");
            default:
                throw NotFound(seq);
        }
    }
}
