using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>The receiving half of <see cref="HubClient"/>: the receive loop, records, completions and the end of a connection.</summary>
internal sealed partial class HubClient
{
    void IRecordSink.OnRecord(ReadOnlySpan<byte> record)
    {
        var message = HubRecord.Parse(record);
        var connection = _connection!;
        if (!connection.HandshakeDone)
        {
            connection.HandshakeDone = true;
            connection.Handshake.TrySetResult(message.Error);
            return;
        }

        switch (message.Type)
        {
            case HubMessageType.Invocation when message.TargetIs(MessagePosted):
                OnMessagePosted(message.Arguments);
                break;
            case HubMessageType.Invocation:
                if (!message.InvocationId.IsEmpty)
                {
                    // The server expects a client result; this client implements none.
                    var frame = new FrameBuffer();
                    HubMessageWriter.WriteCompletionError(frame, message.InvocationId, "Client method not implemented by the load generator.");
                    _ = SendFrameAsync(connection, frame, -1);
                }

                _observer.OnEvent(this, message.Target);
                break;
            case HubMessageType.Completion:
                Complete(message);
                break;
            case HubMessageType.StreamItem:
                PendingInvocation? streaming;
                lock (_pendingLock)
                {
                    _pending.TryGetValue(message.InvocationNumber, out streaming);
                }

                streaming?.OnStreamItem(this, message.Item);
                break;
            case HubMessageType.Close:
                connection.CloseError = message.Error;
                break;
            default:
                // Pings only prove liveness (the receive time is already noted); others are not used.
                break;
        }
    }

    private void OnMessagePosted(ReadOnlySpan<byte> arguments)
    {
        var view = MessageViewReader.ReadFirstArgument(arguments);
        var subscriptions = _subscriptions;
        foreach (var subscription in subscriptions)
        {
            if (view.ConversationId.SequenceEqual(subscription.ConversationIdUtf8))
            {
                if (subscription.Left)
                {
                    break;
                }

                var outcome = subscription.Tracker.Observe(view.Seq, subscription.Subscribing);
                _observer.OnDelivery(this, subscription, view.Seq, outcome, view.Text, Volatile.Read(ref _lastReceived), catchUp: false);
                return;
            }
        }

        _observer.OnUnsubscribedMessage(this);
    }

    private void Complete(in HubRecord completion)
    {
        var id = completion.InvocationNumber;
        PendingInvocation? invocation;
        lock (_pendingLock)
        {
            if (!_pending.Remove(id, out invocation))
            {
                return;
            }
        }

        invocation.Complete(this, completion);
    }

    private async Task ReceiveLoopAsync(Connection connection)
    {
        string reason;
        try
        {
            reason = await connection.Socket.ReceiveAsync(_receiveBuffer, this);
            if (connection.CloseError is { } error)
            {
                reason = $"closed by server: {error}";
            }
        }
        catch (InvalidDataException ex)
        {
            reason = $"protocol error: {ex.Message}";
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException or SocketException)
        {
            reason = connection.AbortReason ?? $"connection lost: {ex.Message}";
        }
        catch (Exception ex)
        {
            // Anything else is a bug in the engine or an observer; the connection must still be
            // wound down (pending invocations failed, state reset), and the reason says what broke.
            reason = $"receive loop failed: {ex.GetType().Name}: {ex.Message}";
        }

        ConnectionLost(connection, reason);
    }

    void IPayloadSink.OnPayload(ReadOnlySpan<byte> payload)
    {
        Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
        _framer.Feed(payload, this);
    }

    private void ConnectionLost(Connection connection, string reason)
    {
        connection.Handshake.TrySetResult($"connection ended before the handshake: {reason}");
        connection.Socket.Abort();
        List<PendingInvocation> orphans;
        lock (_pendingLock)
        {
            orphans = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var invocation in orphans)
        {
            invocation.Fail(this, "client.disconnected", reason);
        }

        LastError = reason;
        var wasConnected = State == HubClientState.Connected;
        // Closed stays Closed; anything else may connect again.
        Interlocked.CompareExchange(ref _state, (int)HubClientState.Disconnected, (int)HubClientState.Connected);
        Interlocked.CompareExchange(ref _state, (int)HubClientState.Disconnected, (int)HubClientState.Connecting);
        connection.Closed.TrySetResult();
        if (wasConnected)
        {
            _observer.OnDisconnected(this, reason, connection.AbortRequested);
        }
    }

    /// <summary>One WebSocket connection's state; a reconnect makes a new one, so late events of the old one cannot touch the new.</summary>
    private sealed class Connection(HubTransport socket, int generation)
    {
        public HubTransport Socket { get; } = socket;

        public int Generation { get; } = generation;

        public TaskCompletionSource<string?> Handshake { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HandshakeDone { get; set; }

        public volatile bool AbortRequested;

        public volatile string? AbortReason;

        public string? CloseError { get; set; }
    }
}
