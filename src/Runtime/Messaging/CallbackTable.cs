using System.Collections.Concurrent;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Calls sent and awaiting their response, by correlation id. A response completes its entry; a
/// closed connection fails the entries sent on it, so no caller waits for a peer that is gone.
/// </summary>
internal sealed class CallbackTable
{
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private long _nextId;

    public int Count => _pending.Count;

    public (long CorrelationId, Task<Message> Response) Register(Connection connection)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new Pending(connection);
        _pending[id] = pending;
        return (id, pending.Promise.Task);
    }

    /// <summary>Completes the call a response answers; false for an unknown or already finished call.</summary>
    public bool Complete(Message response) =>
        _pending.TryRemove(response.CorrelationId, out var pending) && pending.Promise.TrySetResult(response);

    /// <summary>Forgets a call (its caller gave up).</summary>
    public void Remove(long correlationId) => _pending.TryRemove(correlationId, out _);

    /// <summary>Fails every call sent on a connection that closed.</summary>
    public void FailConnection(Connection connection, Exception reason)
    {
        foreach (var (id, pending) in _pending)
        {
            if (ReferenceEquals(pending.Connection, connection) && _pending.TryRemove(id, out _))
            {
                pending.Promise.TrySetException(reason);
            }
        }
    }

    private sealed class Pending(Connection connection)
    {
        public Connection Connection { get; } = connection;

        public TaskCompletionSource<Message> Promise { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
