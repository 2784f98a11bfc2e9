using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Streams;

/// <summary>
/// Keeps a stream's subscriptions in memory and fans items out to them in parallel. A consumer
/// that fails a delivery is dropped and logged (it re-subscribes on its next renewal if it is
/// alive); lapsed leases are pruned on every publish.
/// </summary>
[GrainType("sys.stream")]
internal sealed partial class StreamRendezvousGrain(TimeProvider timeProvider, ILogger<StreamRendezvousGrain> logger) : Grain, IStreamRendezvousGrain
{
    private readonly Dictionary<GrainId, (IStreamDelivery Consumer, DateTimeOffset Expires)> _subscriptions = [];

    public Task Subscribe(IStreamDelivery consumer, TimeSpan lease)
    {
        var id = ((Invocation.GrainReference)(object)consumer).GrainId;
        var expires = lease == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : timeProvider.GetUtcNow() + lease;
        _subscriptions[id] = (consumer, expires);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IStreamDelivery consumer)
    {
        _subscriptions.Remove(((Invocation.GrainReference)(object)consumer).GrainId);
        return Task.CompletedTask;
    }

    public async Task<int> Publish(StreamId stream, byte[] payload)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var lapsed in _subscriptions.Where(s => s.Value.Expires <= now).Select(s => s.Key).ToArray())
        {
            _subscriptions.Remove(lapsed);
        }

        var targets = _subscriptions.ToArray();
        var results = await Task.WhenAll(targets.Select(async target =>
        {
            try
            {
                await target.Value.Consumer.Deliver(stream, payload);
                return true;
            }
            catch (Exception ex)
            {
                LogDropped(logger, ex, target.Key, stream);
                return false;
            }
        }));

        for (var i = 0; i < targets.Length; i++)
        {
            if (!results[i])
            {
                _subscriptions.Remove(targets[i].Key);
            }
        }

        return results.Count(delivered => delivered);
    }

    public Task<int> SubscriberCount() => Task.FromResult(_subscriptions.Count);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Dropped stream consumer {Consumer} of {Stream} after a failed delivery")]
    private static partial void LogDropped(ILogger logger, Exception exception, GrainId consumer, StreamId stream);
}
