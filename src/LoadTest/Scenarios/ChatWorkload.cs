using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// A topology brought to life: users signed in, rooms created and joined, clients connected and
/// subscribed. It is also the observer of every client: it records latencies, acknowledgements and
/// failures, queues retries, and afterwards proves from the trackers that each member received each
/// message once and in order.
/// </summary>
internal sealed class ChatWorkload : IHubClientObserver, IAsyncDisposable
{
    private readonly IChatTarget _target;
    private readonly WorkloadOptions _options;
    private readonly IRunReporter _reporter;
    private readonly ConcurrentQueue<SendRecord> _retries = new();
    private readonly ConcurrentQueue<SendRecord> _ledger = new();
    private ConversationState[] _conversations = [];
    private ChatIdentity[] _users = [];
    private int _subscribeFailures;

    public ChatWorkload(IChatTarget target, Topology topology, WorkloadOptions options, RunMetrics metrics, IRunReporter reporter)
    {
        _target = target;
        Topology = topology;
        _options = options;
        Metrics = metrics;
        _reporter = reporter;
        Fleet = new ClientFleet(options.Client, this, metrics);
    }

    public Topology Topology { get; }

    public RunMetrics Metrics { get; }

    public ClientFleet Fleet { get; }

    public WorkloadOptions Options => _options;

    public IChatTarget Target => _target;

    public IReadOnlyList<ConversationState> Conversations => _conversations;

    /// <summary>How connecting went during set-up.</summary>
    public ConnectReport? Connect { get; private set; }

    /// <summary>Acknowledged sends (only with <see cref="WorkloadOptions.KeepLedger"/>).</summary>
    public IReadOnlyCollection<SendRecord> Ledger => _ledger;

    public int SubscribeFailures => Volatile.Read(ref _subscribeFailures);

    /// <summary>Sends waiting for a retry.</summary>
    public int PendingRetries => _retries.Count;

    /// <summary>Signs in, creates and joins rooms, connects and subscribes every client.</summary>
    /// <exception cref="InvalidOperationException">Sign-in or room set-up failed, or no client could connect.</exception>
    public async Task SetupAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        await ConnectAsync(cancellationToken);
    }

    /// <summary>The first half of <see cref="SetupAsync"/>: signs in the users and creates and joins the rooms, opening no hub connection.</summary>
    /// <exception cref="InvalidOperationException">Sign-in or room set-up failed.</exception>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var userCount = Topology.NeedsDistinctUsers || _options.Users <= 0 ? Topology.ClientCount : Math.Min(_options.Users, Topology.ClientCount);
        _users = new ChatIdentity[userCount];
        await ForEachAsync(Enumerable.Range(0, userCount), async (i, token) => _users[i] = await _target.SignInAsync(i, token), cancellationToken);
        _reporter.Info($"signed in {userCount} users in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        for (var i = 0; i < Topology.ClientCount; i++)
        {
            Fleet.Add(_users[i % userCount]);
        }

        await CreateConversationsAsync(cancellationToken);
    }

    /// <summary>The second half of <see cref="SetupAsync"/>: connects and subscribes every client.</summary>
    /// <exception cref="InvalidOperationException">No client could connect.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Connect = await Fleet.ConnectAsync(Fleet.Clients, _options.ConnectConcurrency, cancellationToken);
        _reporter.Info($"connected {Connect.Connected}/{Connect.Requested} clients in {Connect.Seconds:0.0} s" + (Connect.FirstError is { } e ? $" (first error: {e})" : ""));
        if (Connect.Connected == 0)
        {
            throw new InvalidOperationException($"No client could connect to {_target.HubUrl}: {Connect.FirstError}");
        }

        Fleet.StartMaintenance();
        var subscribeStarted = Stopwatch.GetTimestamp();
        var pairs = _conversations.SelectMany(c => c.Plan.Members.Select(m => (Client: Fleet.Clients[m], Conversation: c))).ToArray();
        await ForEachAsync(pairs, async (pair, _) => await SubscribeAsync(pair.Client, pair.Conversation), cancellationToken);
        _reporter.Info($"{pairs.Length - SubscribeFailures} subscriptions in {Stopwatch.GetElapsedTime(subscribeStarted).TotalSeconds:0.0} s" +
            (SubscribeFailures > 0 ? $", {SubscribeFailures} failed" : ""));
    }

    /// <summary>Subscribes <paramref name="client"/> to a conversation with a fresh tracker; false (and counted) on failure.</summary>
    public async Task<bool> SubscribeAsync(HubClient client, ConversationState conversation)
    {
        var subscription = new Subscription(conversation.Id, conversation.Slot);
        conversation.Add(subscription);
        var outcome = await client.SubscribeAsync(subscription);
        if (outcome.Succeeded)
        {
            return true;
        }

        Interlocked.Increment(ref _subscribeFailures);
        Metrics.Errors.Add("subscribe:" + outcome.Code);
        // A member that never subscribed is owed nothing.
        subscription.Left = true;
        return false;
    }

    /// <summary>Takes one send waiting for a retry.</summary>
    public bool TryTakeRetry(out SendRecord record) => _retries.TryDequeue(out record!);

    /// <summary>Puts a send back in the retry queue (its client was not connected yet).</summary>
    public void ReturnRetry(SendRecord record) => _retries.Enqueue(record);

    /// <summary>Sends in flight over all clients.</summary>
    public int InFlightSends() => Fleet.Clients.Sum(c => c.InFlightSends);

    /// <summary>Whether every current member has received everything up to its conversation's last message.</summary>
    public bool AllCaughtUp()
    {
        foreach (var conversation in _conversations)
        {
            var final = conversation.FinalSeq;
            foreach (var subscription in conversation.Subscriptions())
            {
                if (!subscription.Left && (!subscription.Tracker.HasStart || subscription.Tracker.Contiguous < final))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Counts what every member got against what it was owed. Call once the clients are closed (trackers are then quiet).</summary>
    public DeliveryCheck Verify()
    {
        long expected = 0, received = 0, missing = 0, duplicates = 0, outOfOrder = 0;
        foreach (var conversation in _conversations)
        {
            var final = conversation.FinalSeq;
            foreach (var subscription in conversation.Subscriptions())
            {
                var tracker = subscription.Tracker;
                duplicates += tracker.Duplicates;
                outOfOrder += tracker.OutOfOrder;
                received += tracker.Received;
                if (!tracker.HasStart)
                {
                    continue;
                }

                if (subscription.Left)
                {
                    // A member that left was owed what was posted while it was there; what is still
                    // missing below the highest number it saw is a gap.
                    missing += tracker.MissingUpTo(tracker.HighestSeen);
                    expected += Math.Max(0, tracker.HighestSeen - tracker.Start);
                }
                else
                {
                    missing += tracker.MissingUpTo(final);
                    expected += Math.Max(0, final - tracker.Start);
                }
            }
        }

        var snapshot = Metrics.Snapshot();
        return new DeliveryCheck(expected, received, missing, duplicates, outOfOrder, snapshot.CaughtUp, snapshot.Unstamped,
            missing == 0 && duplicates == 0 && outOfOrder == 0);
    }

    public ValueTask DisposeAsync() => Fleet.DisposeAsync();

    void IHubClientObserver.OnDelivery(HubClient client, Subscription subscription, long seq, DeliveryOutcome outcome, ReadOnlySpan<byte> text, long receivedTimestamp, bool catchUp)
    {
        _conversations[subscription.Slot].Seen(seq);
        switch (outcome)
        {
            case DeliveryOutcome.Duplicate:
                Metrics.Duplicate();
                Metrics.Errors.Add("delivery.duplicate");
                return;
            case DeliveryOutcome.Replayed:
                return;
            case DeliveryOutcome.Ahead when !catchUp && !subscription.Subscribing:
                Metrics.OutOfOrder();
                Metrics.Errors.Add("delivery.out_of_order");
                break;
        }

        if (catchUp)
        {
            Metrics.CaughtUp();
        }
        else if (LatencyStamp.TryRead(text, out var sent, out _))
        {
            Metrics.Delivered(LatencyStamp.Microseconds(sent, receivedTimestamp));
        }
        else
        {
            Metrics.DeliveredUnstamped();
        }
    }

    void IHubClientObserver.OnUnsubscribedMessage(HubClient client) => Metrics.UnsubscribedMessage();

    void IHubClientObserver.OnAck(HubClient client, SendRecord send, long seq, long ackTimestamp)
    {
        Metrics.Acked(LatencyStamp.Microseconds(send.IntendedTimestamp, ackTimestamp));
        _conversations[send.ConversationSlot].Acked(seq);
        if (_options.KeepLedger)
        {
            _ledger.Enqueue(send);
        }

        if (!_options.SelfDelivery)
        {
            // The hub does not echo a sender's own messages: the acknowledgement stands for the
            // delivery (this runs on the sender's receive loop, which owns its trackers).
            foreach (var subscription in client.Subscriptions)
            {
                if (subscription.Slot == send.ConversationSlot && !subscription.Left)
                {
                    subscription.Tracker.Observe(seq, subscription.Subscribing);
                }
            }
        }
    }

    void IHubClientObserver.OnSendFailed(HubClient client, SendRecord send, string code)
    {
        Metrics.SendFailed(code);
        if (send.Attempt <= _options.SendRetries && IsRetryable(code))
        {
            send.Attempt++;
            _retries.Enqueue(send);
        }
    }

    void IHubClientObserver.OnEvent(HubClient client, ReadOnlySpan<byte> target) => Metrics.OtherEvent();

    void IHubClientObserver.OnDisconnected(HubClient client, string reason, bool intentional)
    {
        if (!intentional)
        {
            Metrics.Disconnected(reason switch
            {
                _ when reason.StartsWith("closed by server", StringComparison.Ordinal) => "connection.closed_by_server",
                _ when reason.StartsWith("protocol error", StringComparison.Ordinal) => "protocol.invalid",
                "client.server_timeout" => "client.server_timeout",
                _ => "connection.lost",
            });
        }
    }

    /// <summary>Failures a retry with the same client message id may fix; refusals (validation, rate limit, membership) it would not.</summary>
    private static bool IsRetryable(string code) =>
        code.StartsWith("client.", StringComparison.Ordinal) || code.StartsWith("server.", StringComparison.Ordinal)
        || code is "hub.unclassified" or "hub.invoke_failed" or "unavailable";

    private async Task CreateConversationsAsync(CancellationToken cancellationToken)
    {
        var plans = Topology.Conversations;
        var conversations = new ConversationState[plans.Count];
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(Enumerable.Range(0, plans.Count), async (slot, token) =>
        {
            var plan = plans[slot];
            var id = plan.Direct
                ? _target.DirectConversation(UserOf(plan.Members[0]), UserOf(plan.Members[1]))
                : await _target.CreateRoomAsync(UserOf(plan.Members[0]), plan.Name, token);
            conversations[slot] = new ConversationState(slot, id, plan);
        }, cancellationToken);
        _conversations = conversations;

        var joins = conversations.Where(c => !c.Plan.Direct)
            .SelectMany(c => c.Plan.Members.Select(m => (User: UserOf(m), Conversation: c.Id)))
            .Distinct()
            .ToArray();
        await ForEachAsync(joins, async (join, token) => await _target.JoinRoomAsync(join.User, join.Conversation, token), cancellationToken);
        _reporter.Info($"{conversations.Length} conversations, {joins.Length} memberships in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private ChatIdentity UserOf(int client) => _users[client % _users.Length];

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.SetupConcurrency, CancellationToken = cancellationToken }, body);
}
