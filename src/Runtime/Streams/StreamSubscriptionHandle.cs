namespace OrleansChat.Runtime.Streams;

/// <summary>A local subscription; dispose or call <see cref="UnsubscribeAsync"/> to end it.</summary>
public sealed class StreamSubscriptionHandle : IAsyncDisposable
{
    private readonly Func<Task> _unsubscribe;
    private int _done;

    internal StreamSubscriptionHandle(StreamId stream, Func<Task> unsubscribe)
    {
        Stream = stream;
        _unsubscribe = unsubscribe;
    }

    public StreamId Stream { get; }

    public Task UnsubscribeAsync() => Interlocked.Exchange(ref _done, 1) == 0 ? _unsubscribe() : Task.CompletedTask;

    public async ValueTask DisposeAsync() => await UnsubscribeAsync();
}
