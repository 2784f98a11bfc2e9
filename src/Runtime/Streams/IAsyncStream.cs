namespace OrleansChat.Runtime.Streams;

/// <summary>A stream of <typeparamref name="T"/> items (Orleans' IAsyncStream, non-durable).</summary>
public interface IAsyncStream<T>
{
    StreamId Id { get; }

    /// <summary>Publishes one item; it is serialized once and delivered once per subscribed process.</summary>
    Task OnNextAsync(T item);

    /// <summary>Subscribes a handler in this process; items arrive in publish order per publisher.</summary>
    Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, Task> onNext);

    /// <summary>Subscribes a grain (or any consumer reference) directly, until it unsubscribes or the stream's rendezvous deactivates.</summary>
    Task SubscribeAsync(IStreamDelivery consumer);

    Task UnsubscribeAsync(IStreamDelivery consumer);
}
