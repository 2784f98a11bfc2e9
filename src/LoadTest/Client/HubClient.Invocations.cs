using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>Invocations of <see cref="HubClient"/>: subscribe, send, generic calls and the table of calls awaiting an answer.</summary>
internal sealed partial class HubClient
{
    /// <summary>Adds <paramref name="subscription"/> (if new) and subscribes, fetching further catch-up pages while the list is capped.</summary>
    public async Task<SubscribeOutcome> SubscribeAsync(Subscription subscription)
    {
        AddSubscription(subscription);
        SubscribeOutcome outcome;
        var pages = 0;
        do
        {
            var invocation = new SubscribeInvocation(subscription, _observer);
            var tracker = subscription.Tracker;
            subscription.Subscribing = true;
            var lastSeen = tracker.HasStart ? tracker.Contiguous : (long?)null;
            if (!Post(invocation, "Subscribe"u8, new SubscribeArguments(subscription.ConversationId, lastSeen)))
            {
                subscription.Subscribing = false;
                return SubscribeOutcome.Failed("client.disconnected", "The client is not connected.");
            }

            outcome = await invocation.Task;
            if (outcome.HasMore)
            {
                Interlocked.Increment(ref subscription.CatchUpPages);
            }
        }
        while (outcome is { Succeeded: true, HasMore: true } && ++pages < _options.MaxCatchUpPages);

        return outcome;
    }

    /// <summary>Leaves a conversation: later messages for it are ignored, then the server is told.</summary>
    public Task<HubCompletion> UnsubscribeAsync(Subscription subscription)
    {
        subscription.Left = true;
        RemoveSubscription(subscription);
        return InvokeAsync("Unsubscribe", new ConversationArgument(subscription.ConversationId));
    }

    /// <summary>Calls a hub method and waits for its completion (fails with <c>client.disconnected</c> when not connected).</summary>
    public Task<HubCompletion> InvokeAsync<TArgs>(string target, TArgs arguments)
        where TArgs : IHubArguments
    {
        var invocation = new ResultInvocation();
        if (!Post(invocation, Encoding.UTF8.GetBytes(target), arguments))
        {
            invocation.Fail(this, "client.disconnected", "The client is not connected.");
        }

        return invocation.Task;
    }

    /// <summary>Starts a streaming invocation; its items are collected and returned with the completion.</summary>
    public Task<HubCompletion> StreamAsync<TArgs>(string target, TArgs arguments)
        where TArgs : IHubArguments
    {
        var invocation = new ResultInvocation();
        var connection = Volatile.Read(ref _connection);
        if (!IsConnected || connection is null)
        {
            invocation.Fail(this, "client.disconnected", "The client is not connected.");
            return invocation.Task;
        }

        var id = Register(invocation);
        var frame = new FrameBuffer();
        HubMessageWriter.WriteStreamInvocation(frame, id, Encoding.UTF8.GetBytes(target), arguments);
        _ = SendFrameAsync(connection, frame, id);
        return invocation.Task;
    }

    /// <summary>Posts a chat message; the acknowledgement or failure reaches the observer. False when not connected.</summary>
    public bool TryPost(SendRecord record)
    {
        var invocation = new SendInvocation(record, _observer);
        Interlocked.Increment(ref _inFlightSends);
        if (!Post(invocation, "Send"u8, new SendArguments(record.ConversationId, record.ClientMessageId, record.IntendedTimestamp, record.SenderIndex, record.TextBytes)))
        {
            Interlocked.Decrement(ref _inFlightSends);
            return false;
        }

        return true;
    }

    /// <summary>Fails invocations started before <paramref name="startedBefore"/> with <c>client.timeout</c>.</summary>
    public int ExpireInvocations(long startedBefore)
    {
        List<PendingInvocation>? expired = null;
        lock (_pendingLock)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            foreach (var (id, invocation) in _pending)
            {
                if (invocation.StartedTimestamp < startedBefore)
                {
                    (expired ??= []).Add(invocation);
                    _pending.Remove(id);
                }
            }
        }

        if (expired is null)
        {
            return 0;
        }

        foreach (var invocation in expired)
        {
            invocation.Fail(this, "client.timeout", "No answer within the invocation timeout.");
        }

        return expired.Count;
    }

    internal void SendFinished() => Interlocked.Decrement(ref _inFlightSends);

    private bool Post<TArgs>(PendingInvocation invocation, ReadOnlySpan<byte> target, in TArgs arguments)
        where TArgs : IHubArguments
    {
        var connection = Volatile.Read(ref _connection);
        if (!IsConnected || connection is null)
        {
            return false;
        }

        var id = Register(invocation);
        var frame = new FrameBuffer();
        HubMessageWriter.WriteInvocation(frame, id, target, arguments);
        _ = SendFrameAsync(connection, frame, id);
        return true;
    }

    private long Register(PendingInvocation invocation)
    {
        var id = Interlocked.Increment(ref _nextInvocationId);
        lock (_pendingLock)
        {
            _pending.Add(id, invocation);
        }

        return id;
    }

    private void AddSubscription(Subscription subscription)
    {
        lock (_pendingLock)
        {
            var current = _subscriptions;
            if (Array.IndexOf(current, subscription) < 0)
            {
                _subscriptions = [.. current, subscription];
            }
        }
    }

    private void RemoveSubscription(Subscription subscription)
    {
        lock (_pendingLock)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }
}
