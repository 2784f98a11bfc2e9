using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Protocol;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Messages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// One conversation on this gateway: ONE observer subscription to the conversation grain, shared
/// by every local connection that subscribed, and those connections (its members).
/// </summary>
/// <remarks>
/// <para>
/// Events arrive from the grain in order (it waits for each call to the observer before the
/// next) and are queued; a single pump turns each into a hub event once and writes it to the
/// active members (<see cref="HubWriter"/>: serialized once, a member that stopped reading is closed
/// rather than allowed to stall the others). Messages queued behind one another go out together.
/// The feed remembers the last message it delivered (<c>_lastDelivered</c>): an event it already
/// delivered is skipped, and a jump in sequence numbers (the grain dropped the subscription, or its
/// silo died, and the renewal re-established it) is filled from history before going on, so the
/// members see every message once, in order.
/// </para>
/// <para>
/// The catch-up seam of <c>Subscribe</c>: the connection is registered as pending first (the pump
/// buffers what it delivers meanwhile), then the grain subscription is made (or renewed), then
/// history after the client's last seen seq is read up to the newest seq L. Under the gate, the
/// active members are brought up to L (messages they had not been sent yet, which the new
/// connection already has from history), the buffer is flushed without messages up to L, and the
/// connection becomes active. Every message after L thus reaches it exactly once, and none up to L does.
/// </para>
/// </remarks>
internal sealed partial class ConversationFeed
{
    private const int QueueCapacity = 10_000;
    private const int HistoryPage = 100;
    private const int MaxGapFill = 1_000;

    /// <summary>
    /// At most this many messages go to the members as one <see cref="PostedBatch"/>: enough to
    /// amortize the per-connection write under load, small enough to bound one frame.
    /// </summary>
    private const int MaxBatch = 32;

    private readonly IConversationGrain _grain;
    private readonly IGrainFactory _factory;
    private readonly HubWriter _writer;
    private readonly MessageViewFactory _views;
    private readonly UserNameCache _names;
    private readonly ChatHubOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Action<ConversationFeed, IReadOnlyList<string>> _membersRemoved;
    private readonly Channel<object> _queue;
    private readonly FeedObserver _observer;
    private readonly IConversationObserver _reference;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, FeedMember> _members = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private readonly Lock _renewalLock = new();
    private Task? _renewal;
    private long _lastDelivered;
    private DateTimeOffset _leaseExpiresAt;
    private ChatIdentity? _lastIdentity;
    private bool _overflowLogged;
    private double _postedGapMs = double.PositiveInfinity;
    private DateTimeOffset _lastPostedAt;

    public ConversationFeed(
        string conversationId,
        IConversationGrain grain,
        IGrainFactory factory,
        HubWriter writer,
        MessageViewFactory views,
        UserNameCache names,
        ChatHubOptions options,
        TimeProvider timeProvider,
        GatewayMetrics metrics,
        ILogger logger,
        Action<ConversationFeed, IReadOnlyList<string>> membersRemoved)
    {
        ConversationId = conversationId;
        _grain = grain;
        _factory = factory;
        _writer = writer;
        _views = views;
        _names = names;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _membersRemoved = membersRemoved;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        _observer = new FeedObserver(_queue.Writer, OnDropped);
        _reference = factory.CreateObjectReference<IConversationObserver>(_observer);

        // The pump must not inherit the request context (and caller identity) of the hub call that created the feed.
        using (ExecutionContext.SuppressFlow())
        {
            _pump = Task.Run(PumpAsync);
        }
    }

    public string ConversationId { get; }

    /// <summary>Set (under the owner's lock) once the feed stops taking members.</summary>
    public bool IsClosed { get; set; }

    public bool IsEmpty => _members.IsEmpty;

    /// <summary>Registers a connection as pending; false if it is already a member. Call under the owner's lock.</summary>
    public bool Reserve(HubConnection connection)
    {
        _lastIdentity = connection.Identity;
        return _members.TryAdd(connection.ConnectionId, new FeedMember(connection));
    }

    /// <summary>Completes a reserved connection's subscribe: catch-up, seam, then live events.</summary>
    public async Task<SubscribeResult> JoinAsync(string connectionId, long? lastSeenSeq, CancellationToken cancellationToken)
    {
        if (!_members.TryGetValue(connectionId, out var member))
        {
            // Removed between the reservation and now (the connection closed, or the user was evicted).
            throw ChatException.Create(ChatErrorCodes.RoomNotMember, "You can no longer read this conversation.");
        }

        var who = member.Identity;
        var lease = await GrainCaller.As(who, () => _grain.Subscribe(_reference));
        OnLease(lease);

        var (missed, latest, hasMore) = lastSeenSeq is { } seen
            ? await ReadAfterAsync(who, seen, _options.MaxCatchUpMessages)
            : ([], lease.LastSeq, false);
        var missedViews = await _views.CreateManyAsync(ConversationId, missed, cancellationToken);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_members.ContainsKey(connectionId))
            {
                // Evicted while subscribing: the user lost access meanwhile.
                throw ChatException.Create(ChatErrorCodes.RoomNotMember, "You can no longer read this conversation.");
            }

            if (member.Overflowed)
            {
                throw ChatException.Create(ChatErrorCodes.StorageUnavailable, "Too much happened while subscribing; subscribe again.");
            }

            var buffered = member.Buffer ?? [];
            member.Buffer = null;
            if (_members.Values.Any(m => m.IsActive))
            {
                // Messages up to L the active members have not been sent yet (still on their way from the grain):
                // send them now, so that the arrivals are skipped and never reach the new member twice.
                if (_lastDelivered < latest)
                {
                    await DeliverHistoryAsync(who, _lastDelivered, latest);
                }
            }
            else
            {
                _lastDelivered = Math.Max(_lastDelivered, latest);
            }

            await FlushAsync(member, buffered, latest);
            member.IsActive = true;
        }
        finally
        {
            _gate.Release();
        }

        return new SubscribeResult(ConversationId, missedViews, latest, hasMore);
    }

    /// <summary>Removes a connection (unsubscribe, disconnect, failed subscribe); false if it was not a member.</summary>
    public async Task<bool> RemoveAsync(string connectionId)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            return _members.TryRemove(connectionId, out _);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the pump and renewals, ends the grain subscription and the observer reference.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        await Task.WhenAll(Quietly(_pump), Quietly(_renewal ?? Task.CompletedTask));
        if (_lastIdentity is { } who)
        {
            try
            {
                await GrainCaller.As(who, () => _grain.Unsubscribe(_reference));
            }
            catch (Exception ex)
            {
                // The lease expires on its own; the grain drops an observer whose reference is gone.
                LogUnsubscribeFailed(_logger, ConversationId, ex.GetType().Name);
            }
        }

        _factory.DeleteObjectReference<IConversationObserver>(_observer);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnDropped()
    {
        if (!_overflowLogged)
        {
            _overflowLogged = true;
            LogQueueFull(_logger, ConversationId, QueueCapacity);
        }
    }

    private void OnLease(SubscriptionLease lease)
    {
        lock (_renewalLock)
        {
            _leaseExpiresAt = lease.ExpiresAt;
            if (_renewal is null && !_stopping.IsCancellationRequested)
            {
                using (ExecutionContext.SuppressFlow())
                {
                    _renewal = Task.Run(RenewAsync);
                }
            }
        }
    }

    /// <summary>Messages after <paramref name="after"/>, up to <paramref name="max"/>; the conversation's newest seq; whether more exist.</summary>
    private async Task<(IReadOnlyList<ChatMessage> Messages, long Latest, bool HasMore)> ReadAfterAsync(ChatIdentity who, long after, int max)
    {
        var messages = new List<ChatMessage>();
        var latest = 0L;
        var more = true;
        var cursor = after;
        while (more && messages.Count < max)
        {
            var page = await GrainCaller.As(who, () => _grain.GetHistory(new HistoryQuery(AfterSeq: cursor, Limit: Math.Min(HistoryPage, max - messages.Count))));
            latest = Math.Max(latest, page.LastSeq);
            more = page.HasMore;
            if (page.Messages.IsDefaultOrEmpty)
            {
                break;
            }

            messages.AddRange(page.Messages);
            cursor = page.Messages[^1].Seq;
        }

        if (messages.Count > 0)
        {
            latest = Math.Max(latest, messages[^1].Seq);
        }

        return (messages, latest, more && messages.Count >= max);
    }

    /// <summary>Reads messages (after, upTo] and delivers them to the active members (bounded: a larger gap is left to clients' REST paging).</summary>
    private async Task DeliverHistoryAsync(ChatIdentity who, long after, long upTo)
    {
        var from = Math.Max(after, upTo - MaxGapFill);
        while (from < upTo)
        {
            var page = await GrainCaller.As(who, () => _grain.GetHistory(new HistoryQuery(AfterSeq: from, Limit: (int)Math.Min(HistoryPage, upTo - from))));
            if (page.Messages.IsDefaultOrEmpty)
            {
                break;
            }

            var inRange = page.Messages.Where(m => m.Seq <= upTo).ToArray();
            foreach (var chunk in (await _views.CreateManyAsync(ConversationId, inRange)).Chunk(MaxBatch))
            {
                await DeliverPostedAsync(chunk, committed: null);
            }

            from = page.Messages[^1].Seq;
            if (!page.HasMore)
            {
                break;
            }
        }

        _lastDelivered = Math.Max(_lastDelivered, upTo);
    }

    /// <summary>Sends a joining connection what the feed delivered while it was pending, past the seam.</summary>
    private async Task FlushAsync(FeedMember member, List<FeedEvent> buffered, long latest)
    {
        FeedMember[] to = [member];
        var posted = buffered.Where(e => e.PostedSeq > latest).Select(e => e.PostedSeq!.Value).ToArray();
        var contiguous = posted.Select((seq, i) => seq == latest + 1 + i).All(ok => ok);
        if (!contiguous)
        {
            // A hole among the buffered messages (an event was lost): send that range from history instead.
            var (messages, _, _) = await ReadAfterAsync(member.Identity, latest, MaxGapFill);
            var views = await _views.CreateManyAsync(ConversationId, messages.Where(m => m.Seq <= posted.Max()).ToArray());
            foreach (var chunk in views.Chunk(MaxBatch))
            {
                await WriteAsync(to, FeedEvent.PostedMany(chunk));
                _metrics.DeliveredDirectly(chunk.Length);
            }
        }

        foreach (var e in buffered)
        {
            if (e.PostedSeq is { } seq && (seq <= latest || !contiguous))
            {
                continue;
            }

            await WriteAsync(to, e.ToMessage());
            if (e.PostedSeq is not null)
            {
                _metrics.DeliveredDirectly(1);
            }
        }
    }

    /// <summary>Sends an event to the active members, and keeps it for pending members. Under the gate.</summary>
    /// <param name="e">The event.</param>
    /// <param name="createdAt">For a message arriving live from the grain, when the grain committed it (the start of the fan-out time).</param>
    private async Task DeliverAsync(FeedEvent e, DateTimeOffset? createdAt = null)
    {
        var to = ActiveMembers();
        await WriteAsync(to, e.ToMessage());
        Delivered(e, createdAt, to.Count);
    }

    /// <summary>
    /// Sends messages, in order, to the active members in one write per connection (<see cref="PostedBatch"/>),
    /// and keeps them for pending members. Under the gate.
    /// </summary>
    /// <param name="views">The messages, in sequence order.</param>
    /// <param name="committed">For messages arriving live, when the grain committed each; null for messages read from history.</param>
    private async Task DeliverPostedAsync(IReadOnlyList<MessageView> views, IReadOnlyList<DateTimeOffset>? committed)
    {
        if (views.Count == 1)
        {
            await DeliverAsync(FeedEvent.Posted(views[0]), committed?[0]);
            return;
        }

        if (views.Count == 0)
        {
            return;
        }

        var to = ActiveMembers();
        await WriteAsync(to, FeedEvent.PostedMany(views));
        var receivers = to.Count;
        for (var i = 0; i < views.Count; i++)
        {
            Delivered(FeedEvent.Posted(views[i]), committed?[i], receivers);
        }
    }

    /// <summary>The bookkeeping after an event went to the active members: metrics, pending members' buffers, the last delivered seq.</summary>
    private void Delivered(FeedEvent e, DateTimeOffset? createdAt, int receivers)
    {
        if (e.PostedSeq is not null)
        {
            if (createdAt is { } committed)
            {
                _metrics.Delivered(receivers, committed);
            }
            else
            {
                _metrics.DeliveredDirectly(receivers);
            }
        }

        foreach (var member in _members.Values)
        {
            if (!member.IsActive)
            {
                member.Hold(e);
            }
        }

        if (e.PostedSeq is { } seq)
        {
            _lastDelivered = Math.Max(_lastDelivered, seq);
        }
    }

    private async Task PumpAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stopping))
            {
                if (item is MessagePostedEvent first)
                {
                    NotePosted(first.Message);
                    if (BatchWait() is { } wait)
                    {
                        // Outside the gate: subscribes go on meanwhile.
                        await Task.Delay(wait, _timeProvider, stopping);
                    }
                }

                await _gate.WaitAsync(stopping);
                try
                {
                    if (item is MessagePostedEvent posted)
                    {
                        await OnPostedAsync(TakePosted(posted));
                    }
                    else
                    {
                        await HandleAsync(item);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One event that cannot be relayed must not stop the conversation's feed.
                    LogEventFailed(_logger, ConversationId, item.GetType().Name, ex);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// How long a posted message waits for the ones behind it before they go out together
    /// (<see cref="ChatHubOptions.HotRoomBatchWindow"/>): the whole window while the conversation
    /// is hot — enough local subscribers, and messages committed on average less than two windows
    /// apart — and not at all otherwise, so a quiet or small room pays no latency for it.
    /// </summary>
    private TimeSpan? BatchWait()
    {
        var window = _options.HotRoomBatchWindow;
        return window > TimeSpan.Zero && _members.Count >= _options.HotRoomMinSubscribers && _postedGapMs < 2 * window.TotalMilliseconds
            ? window
            : null;
    }

    /// <summary>Keeps the moving average of the time between commits of posted messages (the conversation's rate, as the grain sees it).</summary>
    private void NotePosted(ChatMessage message)
    {
        if (_lastPostedAt != default)
        {
            var gap = Math.Max(0, (message.CreatedAt - _lastPostedAt).TotalMilliseconds);
            _postedGapMs = double.IsPositiveInfinity(_postedGapMs) ? gap : (0.8 * _postedGapMs) + (0.2 * gap);
        }

        _lastPostedAt = message.CreatedAt;
    }

    private async Task HandleAsync(object item)
    {
        switch (item)
        {
            case MessageEditedEvent e:
                await DeliverAsync(FeedEvent.Edited(await _views.CreateAsync(e.Message)));
                break;
            case MessageDeletedEvent e:
                await DeliverAsync(FeedEvent.Deleted(new MessageDeletedPayload(ConversationId, e.Seq)));
                break;
            case ReactionChangedEvent e:
                var reactions = await _views.ReactionsAsync(ConversationId, e.Seq, new ReactionView(e.Emoji, e.Count, []));
                await DeliverAsync(FeedEvent.Reactions(new ReactionsChangedPayload(ConversationId, e.Seq, reactions)));
                break;
            case TypingEvent e:
                await DeliverAsync(FeedEvent.Typing(new TypingPayload(ConversationId, e.UserId, await _names.GetAsync(e.UserId))));
                break;
            case ReadReceiptEvent e:
                await DeliverAsync(FeedEvent.Read(new ReadReceiptPayload(ConversationId, e.UserId, e.Seq, e.At)));
                break;
            case MembershipChangedEvent e:
                await DeliverAsync(FeedEvent.Membership(new MembershipChangedPayload(ConversationId, e.UserId, ApiText.Membership(e.Change), ApiText.Role(e.Role))));
                if (e.Change is MembershipChange.Left or MembershipChange.Kicked or MembershipChange.Banned)
                {
                    Evict(m => m.Identity.UserId == e.UserId);
                }

                break;
            case ConversationChangedEvent e:
                var deleted = e.Change == ConversationChange.Deleted;
                await DeliverAsync(FeedEvent.Membership(new MembershipChangedPayload(ConversationId, e.ActorId, deleted ? "roomDeleted" : "roomUpdated", null)));
                if (deleted)
                {
                    Evict(_ => true);
                }

                break;
            case FeedCommand.CatchUp c when c.Seq > _lastDelivered && AnyActive() is { } reader:
                await DeliverHistoryAsync(reader.Identity, _lastDelivered, c.Seq);
                break;
            case FeedCommand.Evict c:
                Evict(m => m.Identity.UserId == c.UserId);
                break;
        }
    }

    /// <summary>
    /// The posted message just read and those queued right behind it (up to <see cref="MaxBatch"/>):
    /// what piled up while the pump sent the previous ones, so batches form only under load and
    /// nothing waits for one to fill.
    /// </summary>
    private List<MessagePostedEvent> TakePosted(MessagePostedEvent first)
    {
        var batch = new List<MessagePostedEvent> { first };
        var reader = _queue.Reader;
        while (batch.Count < MaxBatch && reader.TryPeek(out var next) && next is MessagePostedEvent && reader.TryRead(out next))
        {
            var posted = (MessagePostedEvent)next;
            NotePosted(posted.Message);
            batch.Add(posted);
        }

        return batch;
    }

    private async Task OnPostedAsync(List<MessagePostedEvent> events)
    {
        var views = new List<MessageView>(events.Count);
        var committed = new List<DateTimeOffset>(events.Count);
        foreach (var message in events.Select(e => e.Message))
        {
            var last = views.Count > 0 ? views[^1].Seq : _lastDelivered;
            if (message.Seq <= last)
            {
                // Already delivered (from history, at a join or a gap fill).
                continue;
            }

            if (message.Seq > last + 1 && AnyActive() is { } reader)
            {
                // What is in hand goes first, then the gap from history, in order.
                await DeliverPostedAsync([.. views], [.. committed]);
                views.Clear();
                committed.Clear();
                LogGap(_logger, ConversationId, _lastDelivered, message.Seq);
                await DeliverHistoryAsync(reader.Identity, _lastDelivered, message.Seq - 1);
            }

            views.Add(await _views.CreateAsync(message));
            committed.Add(message.CreatedAt);
        }

        await DeliverPostedAsync(views, committed);
    }

    private FeedMember? AnyActive() => _members.Values.FirstOrDefault(m => m.IsActive);

    /// <summary>The members past their catch-up seam, the recipients of the feed's events. Under the gate.</summary>
    private List<FeedMember> ActiveMembers()
    {
        // Enumerating the dictionary itself, not its Values snapshot: this runs for every event.
        var active = new List<FeedMember>(_members.Count);
        foreach (var (_, member) in _members)
        {
            if (member.IsActive)
            {
                active.Add(member);
            }
        }

        return active;
    }

    private Task WriteAsync(IReadOnlyList<FeedMember> to, HubMessage message) => _writer.WriteAsync(to.Select(m => m.Connection), message);

    /// <summary>Stops relaying to matching members (they left, were kicked or banned, or lost access). Under the gate.</summary>
    private void Evict(Func<FeedMember, bool> match)
    {
        var removed = new List<string>();
        foreach (var member in _members.Values.Where(match).ToArray())
        {
            if (_members.TryRemove(member.ConnectionId, out _))
            {
                removed.Add(member.ConnectionId);
            }
        }

        if (removed.Count > 0)
        {
            _membersRemoved(this, removed);
        }
    }

    private async Task RenewAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextRenewal(), _timeProvider, stopping);
                await RenewOnceAsync();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRenewalFailed(_logger, ConversationId, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Renews the subscription now rather than at the next period: the set of silos changed, so the
    /// grain may have moved to another silo, where its new activation knows no subscriber yet.
    /// </summary>
    public void RenewNow()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RenewOnceAsync();
                }
                catch (Exception ex)
                {
                    LogRenewalFailed(_logger, ConversationId, ex.GetType().Name);
                }
            });
        }
    }

    /// <summary>Renews the subscription as some member who may still read; members who may not are evicted.</summary>
    private async Task RenewOnceAsync()
    {
        var readers = _members.Values.OrderByDescending(m => m.IsActive).Select(m => m.Identity).DistinctBy(i => i.UserId).ToArray();
        foreach (var who in readers)
        {
            try
            {
                var lease = await GrainCaller.As(who, () => _grain.Subscribe(_reference));
                OnLease(lease);
                _queue.Writer.TryWrite(new FeedCommand.CatchUp(lease.LastSeq));
                return;
            }
            catch (ChatException ex) when (ex.Category is ChatErrorCategory.Forbidden or ChatErrorCategory.NotFound or ChatErrorCategory.Unauthenticated)
            {
                _queue.Writer.TryWrite(new FeedCommand.Evict(who.UserId));
            }
        }
    }

    private TimeSpan NextRenewal()
    {
        var untilExpiry = _leaseExpiresAt - _timeProvider.GetUtcNow();
        var half = untilExpiry / 2;
        var delay = half < _options.SubscriptionRenewal ? half : _options.SubscriptionRenewal;
        return delay < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : delay;
    }

    [LoggerMessage(EventId = 5610, Level = LogLevel.Warning, Message = "Relaying a {EventType} of {ConversationId} failed")]
    private static partial void LogEventFailed(ILogger logger, string conversationId, string eventType, Exception exception);

    [LoggerMessage(EventId = 5611, Level = LogLevel.Information, Message = "Messages of {ConversationId} after {LastDelivered} up to {Seq} never arrived as events; filling from history")]
    private static partial void LogGap(ILogger logger, string conversationId, long lastDelivered, long seq);

    [LoggerMessage(EventId = 5612, Level = LogLevel.Warning, Message = "Renewing the subscription to {ConversationId} failed ({Error}); retrying")]
    private static partial void LogRenewalFailed(ILogger logger, string conversationId, string error);

    [LoggerMessage(EventId = 5613, Level = LogLevel.Debug, Message = "Unsubscribing from {ConversationId} failed ({Error}); the lease will expire")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string conversationId, string error);

    [LoggerMessage(EventId = 5614, Level = LogLevel.Warning, Message = "The event queue of {ConversationId} is full ({Capacity}); events are dropped until it drains (messages are re-read from history)")]
    private static partial void LogQueueFull(ILogger logger, string conversationId, int capacity);
}
