namespace OrleansChat.Runtime.Tests.Cluster;

public interface IPingObserver : IGrainObserver
{
    Task Notify(string message);
}

public interface IObserverHubGrain : IGrainWithStringKey
{
    Task Subscribe(IPingObserver observer);

    Task<int> Publish(string message);
}

public sealed class ObserverHubGrain : Grain, IObserverHubGrain
{
    private readonly List<IPingObserver> _observers = [];

    public Task Subscribe(IPingObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public async Task<int> Publish(string message)
    {
        foreach (var observer in _observers)
        {
            await observer.Notify(message);
        }

        return _observers.Count;
    }
}

public sealed class RecordingObserver : IPingObserver
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Received { get; } = new();

    public Task Notify(string message)
    {
        Received.Enqueue(message);
        return Task.CompletedTask;
    }
}

[GenerateSerializer]
[Immutable]
public sealed record ChatLine([property: Id(0)] string Text, [property: Id(1)] int Number);

public interface IStreamPublisherGrain : IGrainWithStringKey
{
    Task Publish(string streamKey, string text, int number);
}

public sealed class StreamPublisherGrain : Grain, IStreamPublisherGrain
{
    public Task Publish(string streamKey, string text, int number) =>
        GetStreamProvider().GetStream<ChatLine>(new Streams.StreamId("test", streamKey)).OnNextAsync(new ChatLine(text, number));
}
