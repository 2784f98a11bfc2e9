using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>
/// A DM thread between two users. Reentrant for group commit, like rooms. Whether either user blocks
/// the other is read once and cached; the user grain calls <see cref="RefreshBlocks"/> after every
/// block or unblock, so the cache never outlives a change by more than that call.
/// </summary>
[Reentrant]
[GrainType("dm")]
internal sealed partial class DirectMessageGrain : Grain, IDirectMessageGrain, IDirectMessageRelay, IConversationDiagnostics
{
    private const int PreviewLength = 140;
    private readonly DirectThreadStore _threads;
    private readonly RelationshipStore _relationships;
    private readonly ConversationServices _services;
    private readonly ILogger<DirectMessageGrain> _logger;
    private readonly string _key;
    private readonly string? _userA;
    private readonly string? _userB;
    private readonly ConversationCore _core;
    private DateTimeOffset? _createdAt;
    private bool? _blocked;

    public DirectMessageGrain(DirectThreadStore threads, RelationshipStore relationships, ConversationServices services, ILogger<DirectMessageGrain> logger)
    {
        _threads = threads;
        _relationships = relationships;
        _services = services;
        _logger = logger;
        _key = GetPrimaryKeyString();
        DirectThreadKey.TryParse(_key, out _userA, out _userB);
        _core = new ConversationCore(ConversationIds.DirectPrefix + _key, services, logger, OnPosted);
    }

    public Task<DirectThreadInfo> Open() => Run(async () =>
    {
        var (_, other) = RequireParticipant();
        await ThrowIfBlockedAsync();
        var createdAt = await EnsureThreadAsync();
        var lastSeq = await _core.Log.EnsureLoadedAsync();
        return new DirectThreadInfo(_key, _core.ConversationId, other, createdAt, lastSeq, Blocked: false);
    });

    public Task<PostResult> Post(PostMessageRequest request) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        await ThrowIfBlockedAsync();
        await EnsureThreadAsync();
        return await _core.PostAsync(caller.UserId, request);
    });

    public Task<ChatMessage> Edit(long seq, string text) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        await ThrowIfBlockedAsync();
        return await _core.EditAsync(caller.UserId, seq, text);
    });

    public Task<ChatMessage> DeleteMessage(long seq) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        var message = await _core.GetMessageAsync(seq, caller.UserId);
        if (message.IsDeleted)
        {
            return message;
        }

        if (message.SenderId != caller.UserId)
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageNotAuthor, "Only the author can delete a direct message.");
        }

        return await _core.DeleteAsync(caller.UserId, seq, audit: null);
    });

    public Task<ReactionResult> ToggleReaction(long seq, string emoji) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        await ThrowIfBlockedAsync();
        return await _core.ToggleReactionAsync(caller.UserId, seq, emoji);
    });

    public Task<MessagePage> GetHistory(HistoryQuery query) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        return await _core.GetHistoryAsync(caller.UserId, query);
    });

    public Task<ImmutableArray<MessageRevision>> GetEditHistory(long seq) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        var message = await _core.GetMessageAsync(seq, caller.UserId);
        if (message.IsDeleted)
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageDeleted, $"Message {seq} was deleted.");
        }

        return await _core.GetRevisionsAsync(seq);
    });

    public Task SendTyping() => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        if (!await IsBlockedAsync())
        {
            _core.Typing(caller.UserId);
        }
    });

    public Task MarkRead(long seq) => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        await _core.MarkReadAsync(caller.UserId, seq);
    });

    public Task<ImmutableArray<ReadPosition>> GetReadPositions() => Run(async () =>
    {
        var (caller, _) = RequireParticipant();
        return await _core.GetReadPositionsAsync(caller.UserId, 1);
    });

    public Task<SubscriptionLease> Subscribe(IConversationObserver observer) => Run(async () =>
    {
        RequireParticipant();
        return await _core.SubscribeAsync(observer);
    });

    public Task Unsubscribe(IConversationObserver observer) => Run(() =>
    {
        CallerContext.Require();
        _core.Unsubscribe(observer);
        return Task.CompletedTask;
    });

    public Task RefreshBlocks()
    {
        _blocked = null;
        return Task.CompletedTask;
    }

    public Task<ConversationLogStats> GetLogStats() => Task.FromResult(_core.Stats());

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private Task<T> Run<T>(Func<Task<T>> body) =>
        _userA is null
            ? Task.FromException<T>(ChatErrors.Of(ChatErrorCodes.DmInvalidThread, "A thread key must be two different user ids in ordinal order, joined by ':'."))
            : ChatDatabase.Guard(body);

    private Task Run(Func<Task> body) => Run(async () =>
    {
        await body();
        return true;
    });

    private (Caller Caller, string Other) RequireParticipant()
    {
        var caller = CallerContext.Require();
        if (caller.UserId != _userA && caller.UserId != _userB)
        {
            throw ChatErrors.Of(ChatErrorCodes.DmNotParticipant, "You are not part of this conversation.");
        }

        return (caller, caller.UserId == _userA ? _userB! : _userA!);
    }

    private async Task<bool> IsBlockedAsync() => _blocked ??= await _relationships.IsBlockedEitherWayAsync(_userA!, _userB!);

    private async Task ThrowIfBlockedAsync()
    {
        if (await IsBlockedAsync())
        {
            throw ChatErrors.Of(ChatErrorCodes.DmBlocked, "One of you blocks the other.");
        }
    }

    private async Task<DateTimeOffset> EnsureThreadAsync() =>
        _createdAt ??= await _threads.EnsureAsync(_core.ConversationId, _userA!, _userB!, ChatClock.Now(_services.TimeProvider));

    /// <summary>After a commit: the recipient gets a notification (their inbox refuses it if they block the sender).</summary>
    private void OnPosted(ChatMessage message)
    {
        var recipient = message.SenderId == _userA ? _userB! : _userA!;
        var preview = message.Text.Length <= PreviewLength ? message.Text : message.Text[..PreviewLength];
        _ = NotifyAsync(recipient, new NotificationDraft(NotificationKind.DirectMessage, message.SenderId, _core.ConversationId, message.Seq, preview));
    }

    private async Task NotifyAsync(string userId, NotificationDraft draft)
    {
        try
        {
            await GrainFactory.GetGrain<IUserRelay>(userId).Notify(draft);
        }
        catch (Exception ex)
        {
            LogNotificationFailed(_logger, ex, _key, userId);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "A notification from DM thread {ThreadKey} to {UserId} failed")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception, string threadKey, string userId);
}
