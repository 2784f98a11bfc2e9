namespace OrleansChat.Runtime.Streams;

/// <summary>The per-stream meeting point of publishers and subscribed processes (non-durable, like Orleans memory streams).</summary>
public interface IStreamRendezvousGrain : IGrainWithStringKey
{
    /// <summary>Adds or renews a subscription that lapses after <paramref name="lease"/> unless renewed.</summary>
    Task Subscribe(IStreamDelivery consumer, TimeSpan lease);

    Task Unsubscribe(IStreamDelivery consumer);

    /// <summary>Delivers one item to every live subscription; returns how many received it.</summary>
    Task<int> Publish(StreamId stream, byte[] payload);

    [ReadOnly]
    Task<int> SubscriberCount();
}
