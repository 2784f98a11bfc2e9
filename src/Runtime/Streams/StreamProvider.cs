using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Streams;

/// <summary>Streams whose items travel through a per-stream rendezvous grain to subscribed processes and grains.</summary>
internal sealed class StreamProvider(IGrainFactory grainFactory, StreamNode node) : IStreamProvider
{
    public IAsyncStream<T> GetStream<T>(StreamId id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id.Namespace);
        ArgumentException.ThrowIfNullOrEmpty(id.Key);
        return new AsyncStream<T>(id, grainFactory, node);
    }

    internal static string RendezvousKey(StreamId id) => $"{id.Namespace}/{id.Key}";

    private sealed class AsyncStream<T>(StreamId id, IGrainFactory grainFactory, StreamNode node) : IAsyncStream<T>
    {
        public StreamId Id { get; } = id;

        private IStreamRendezvousGrain Rendezvous => grainFactory.GetGrain<IStreamRendezvousGrain>(RendezvousKey(Id));

        public Task OnNextAsync(T item) => Rendezvous.Publish(Id, Serializer.Serialize(item));

        public Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, Task> onNext) => node.SubscribeAsync(Id, onNext);

        public Task SubscribeAsync(IStreamDelivery consumer) => Rendezvous.Subscribe(consumer, Timeout.InfiniteTimeSpan);

        public Task UnsubscribeAsync(IStreamDelivery consumer) => Rendezvous.Unsubscribe(consumer);
    }
}
