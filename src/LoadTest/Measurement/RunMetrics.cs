using System.Diagnostics;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>
/// Everything a run counts, updated lock-free from many receive loops. Phases are measured by
/// subtracting snapshots, so warm-up and drain never pollute a measurement window.
/// </summary>
internal sealed class RunMetrics
{
    private long _sendsAttempted;
    private long _sendsSkipped;
    private long _retries;
    private long _acked;
    private long _sendFailed;
    private long _delivered;
    private long _duplicates;
    private long _outOfOrder;
    private long _caughtUp;
    private long _unstamped;
    private long _unsubscribed;
    private long _otherEvents;
    private long _disconnects;
    private long _reconnects;
    private long _reconnectFailures;
    private long _connectFailures;
    private long _connectAttempts;

    /// <summary>Send-to-delivery latency of live messages, in microseconds.</summary>
    public LatencyHistogram Delivery { get; } = new();

    /// <summary>Send-to-acknowledgement latency, in microseconds.</summary>
    public LatencyHistogram Ack { get; } = new();

    /// <summary>How late the pacer posted each message against its schedule, in microseconds (the generator's own lag).</summary>
    public LatencyHistogram SendLag { get; } = new();

    public ErrorCounts Errors { get; } = new();

    public void SendAttempted() => Interlocked.Increment(ref _sendsAttempted);

    /// <summary>The pacer skipped a send: its client was disconnected or had too many sends in flight.</summary>
    public void SendSkipped(long count = 1) => Interlocked.Add(ref _sendsSkipped, count);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Acked(long latencyMicros)
    {
        Interlocked.Increment(ref _acked);
        Ack.Record(latencyMicros);
    }

    public void SendFailed(string code)
    {
        Interlocked.Increment(ref _sendFailed);
        Errors.Add(code);
    }

    public void Delivered(long latencyMicros)
    {
        Interlocked.Increment(ref _delivered);
        Delivery.Record(latencyMicros);
    }

    /// <summary>A message that arrived through a catch-up list (its latency includes the outage, so it is not in the histogram).</summary>
    public void CaughtUp()
    {
        Interlocked.Increment(ref _delivered);
        Interlocked.Increment(ref _caughtUp);
    }

    /// <summary>A delivered message whose text carried no latency stamp (someone else's message).</summary>
    public void DeliveredUnstamped()
    {
        Interlocked.Increment(ref _delivered);
        Interlocked.Increment(ref _unstamped);
    }

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void OutOfOrder() => Interlocked.Increment(ref _outOfOrder);

    public void UnsubscribedMessage() => Interlocked.Increment(ref _unsubscribed);

    public void OtherEvent() => Interlocked.Increment(ref _otherEvents);

    public void Disconnected(string code)
    {
        Interlocked.Increment(ref _disconnects);
        Errors.Add(code);
    }

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void ReconnectFailed(string code)
    {
        Interlocked.Increment(ref _reconnectFailures);
        Errors.Add("reconnect:" + code);
    }

    public void ConnectAttempted() => Interlocked.Increment(ref _connectAttempts);

    public void ConnectFailed(string code)
    {
        Interlocked.Increment(ref _connectFailures);
        Errors.Add(code);
    }

    public MetricsSnapshot Snapshot() => new(
        Stopwatch.GetTimestamp(),
        Volatile.Read(ref _sendsAttempted),
        Volatile.Read(ref _sendsSkipped),
        Volatile.Read(ref _retries),
        Volatile.Read(ref _acked),
        Volatile.Read(ref _sendFailed),
        Volatile.Read(ref _delivered),
        Volatile.Read(ref _duplicates),
        Volatile.Read(ref _outOfOrder),
        Volatile.Read(ref _caughtUp),
        Volatile.Read(ref _unstamped),
        Volatile.Read(ref _unsubscribed),
        Volatile.Read(ref _otherEvents),
        Volatile.Read(ref _disconnects),
        Volatile.Read(ref _reconnects),
        Volatile.Read(ref _reconnectFailures),
        Volatile.Read(ref _connectAttempts),
        Volatile.Read(ref _connectFailures),
        Delivery.Snapshot(),
        Ack.Snapshot(),
        SendLag.Snapshot());
}
