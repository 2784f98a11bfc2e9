using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Notifications;

/// <summary>
/// The observers subscribed to one grain (gateway nodes), each with an expiry. An event is created
/// once and handed to every live subscriber; each subscriber has its own queue, drained one call
/// at a time, so it sees events in publish order however its calls are transported. A subscriber
/// whose call fails, or that falls <c>maxPending</c> events behind, is dropped and logged: it must
/// subscribe again (and catch up from history). Not thread-safe: used only on its grain's turns.
/// </summary>
internal sealed partial class ObserverSet<TObserver>(string owner, TimeProvider timeProvider, TimeSpan lifetime, int maxPending, ChatMetrics metrics, ILogger logger)
    where TObserver : class, IAddressable
{
    private readonly Dictionary<TObserver, Subscriber> _subscribers = [];

    /// <summary>Live subscribers (expired ones are removed first).</summary>
    public int Count
    {
        get
        {
            RemoveExpired(timeProvider.GetUtcNow());
            return _subscribers.Count;
        }
    }

    /// <summary>Adds or renews <paramref name="observer"/>; returns when it expires.</summary>
    public DateTimeOffset Subscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var now = timeProvider.GetUtcNow();
        RemoveExpired(now);
        var expiresAt = now + lifetime;
        if (_subscribers.TryGetValue(observer, out var existing))
        {
            existing.ExpiresAt = expiresAt;
        }
        else
        {
            _subscribers[observer] = new Subscriber { ExpiresAt = expiresAt };
        }

        return expiresAt;
    }

    public bool Unsubscribe(TObserver observer) => _subscribers.Remove(observer);

    public void Clear() => _subscribers.Clear();

    /// <summary>Queues one delivery of <paramref name="e"/> per live subscriber; never waits for them.</summary>
    public void Publish<TEvent>(TEvent e, Func<TObserver, TEvent, Task> deliver)
    {
        if (_subscribers.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        RemoveExpired(now);
        foreach (var (observer, subscriber) in _subscribers)
        {
            if (subscriber.Pending.Count >= maxPending)
            {
                LogOverflow(logger, owner, observer, maxPending);
                metrics.ObserverDropped("overflow");
                _subscribers.Remove(observer);
                continue;
            }

            subscriber.Pending.Enqueue(o => deliver(o, e));
            if (!subscriber.Pumping)
            {
                subscriber.Pumping = true;
                _ = PumpAsync(observer, subscriber);
            }
        }
    }

    private async Task PumpAsync(TObserver observer, Subscriber subscriber)
    {
        try
        {
            while (subscriber.Pending.TryDequeue(out var send))
            {
                try
                {
                    await send(observer);
                }
                catch (Exception ex)
                {
                    LogDropped(logger, ex, owner, observer);
                    metrics.ObserverDropped("failed");
                    subscriber.Pending.Clear();
                    if (_subscribers.TryGetValue(observer, out var current) && ReferenceEquals(current, subscriber))
                    {
                        _subscribers.Remove(observer);
                    }

                    return;
                }
            }
        }
        finally
        {
            subscriber.Pumping = false;
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (observer, subscriber) in _subscribers)
        {
            if (subscriber.ExpiresAt <= now)
            {
                _subscribers.Remove(observer);
                LogExpired(logger, owner, observer);
            }
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Observer {Observer} of {Owner} failed and was dropped")]
    private static partial void LogDropped(ILogger logger, Exception exception, string owner, TObserver observer);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Observer {Observer} of {Owner} fell {MaxPending} events behind and was dropped")]
    private static partial void LogOverflow(ILogger logger, string owner, TObserver observer, int maxPending);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Debug, Message = "Subscription of {Observer} to {Owner} expired")]
    private static partial void LogExpired(ILogger logger, string owner, TObserver observer);

    private sealed class Subscriber
    {
        public DateTimeOffset ExpiresAt { get; set; }

        public Queue<Func<TObserver, Task>> Pending { get; } = new();

        public bool Pumping { get; set; }
    }
}
