namespace OrleansChat.Runtime.Streams;

/// <summary>
/// Receives a stream's items. Each process (a gateway node, a silo) has one, shared by all its
/// local subscribers, so a publish costs one delivery per subscribed process; a grain can also
/// implement it to subscribe itself.
/// </summary>
public interface IStreamDelivery : IGrainObserver
{
    /// <summary>One item, serialized once by the publisher.</summary>
    Task Deliver(StreamId stream, byte[] payload);
}
