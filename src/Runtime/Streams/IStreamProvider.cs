namespace OrleansChat.Runtime.Streams;

/// <summary>Hands out streams (Orleans' IStreamProvider); registered in silos and clients.</summary>
public interface IStreamProvider
{
    IAsyncStream<T> GetStream<T>(StreamId id);
}
