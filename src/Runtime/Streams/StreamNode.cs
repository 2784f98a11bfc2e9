using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Streams;

/// <summary>
/// This process's single stream consumer. The first local subscriber of a stream subscribes the
/// node at the stream's rendezvous; the last one to leave unsubscribes it; leases are renewed in
/// the background. An item is deserialized once per item type and handed to every local handler.
/// </summary>
internal sealed partial class StreamNode(IGrainFactory grainFactory, TimeProvider timeProvider, ILogger<StreamNode> logger) : IStreamDelivery, IHostedService
{
    /// <summary>A subscription lapses after this long unless renewed (renewed every third of it).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<StreamId, List<LocalHandler>> _handlers = new();
    private IStreamDelivery? _self;
    private ITimer? _renewal;

    private IStreamDelivery Self => _self ??= grainFactory.CreateObjectReference<IStreamDelivery>(this);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var period = Lease / 3;
        _renewal = timeProvider.CreateTimer(static s => _ = ((StreamNode)s!).RenewAsync(), this, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<StreamSubscriptionHandle> SubscribeAsync<T>(StreamId stream, Func<T, Task> onNext)
    {
        var handler = new LocalHandler(typeof(T), payload => Serializer.Deserialize<T>(payload, new SerializerSession(grainFactory)), item => onNext((T)item!));
        bool first;
        var list = _handlers.GetOrAdd(stream, _ => []);
        lock (list)
        {
            first = list.Count == 0;
            list.Add(handler);
        }

        if (first)
        {
            await Rendezvous(stream).Subscribe(Self, Lease);
        }

        return new StreamSubscriptionHandle(stream, () => UnsubscribeAsync(stream, handler));
    }

    public async Task Deliver(StreamId stream, byte[] payload)
    {
        if (!_handlers.TryGetValue(stream, out var list))
        {
            return;
        }

        LocalHandler[] handlers;
        lock (list)
        {
            handlers = [.. list];
        }

        var decoded = new Dictionary<Type, object?>();
        foreach (var handler in handlers)
        {
            if (!decoded.TryGetValue(handler.ItemType, out var item))
            {
                item = handler.Decode(payload);
                decoded[handler.ItemType] = item;
            }

            try
            {
                await handler.OnNext(item);
            }
            catch (Exception ex)
            {
                // One failing local handler must not stop delivery to the others or fail the publisher.
                LogHandlerFailed(logger, ex, stream);
            }
        }
    }

    private async Task UnsubscribeAsync(StreamId stream, LocalHandler handler)
    {
        if (!_handlers.TryGetValue(stream, out var list))
        {
            return;
        }

        bool last;
        lock (list)
        {
            list.Remove(handler);
            last = list.Count == 0;
        }

        if (last)
        {
            _handlers.TryRemove(KeyValuePair.Create(stream, list));
            await Rendezvous(stream).Unsubscribe(Self);
        }
    }

    private async Task RenewAsync()
    {
        foreach (var stream in _handlers.Keys)
        {
            try
            {
                await Rendezvous(stream).Subscribe(Self, Lease);
            }
            catch (Exception ex)
            {
                LogRenewFailed(logger, ex, stream);
            }
        }
    }

    private IStreamRendezvousGrain Rendezvous(StreamId stream) => grainFactory.GetGrain<IStreamRendezvousGrain>(StreamProvider.RendezvousKey(stream));

    private sealed record LocalHandler(Type ItemType, Func<byte[], object?> Decode, Func<object?, Task> OnNext);

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "A local handler of stream {Stream} threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, StreamId stream);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Warning, Message = "Could not renew the subscription to stream {Stream}; will retry")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, StreamId stream);
}
