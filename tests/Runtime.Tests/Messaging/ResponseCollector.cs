using System.Collections.Concurrent;
using OrleansChat.Runtime.Messaging;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>The calling side's handler: completes the waiting request with its response, by correlation id.</summary>
internal sealed class ResponseCollector : IMessageHandler
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Message>> _pending = new();
    private long _nextCorrelationId;
    private long _unmatched;

    /// <summary>Responses whose correlation id matched no waiting request.</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public (Message Request, Task<Message> Response) CreateRequest(GrainId target, ReadOnlyMemory<byte> body)
    {
        var id = Interlocked.Increment(ref _nextCorrelationId);
        var response = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        var request = new Message
        {
            CorrelationId = id,
            Direction = MessageDirection.Request,
            TargetGrain = target,
            InterfaceId = 7,
            MethodId = 1,
            Body = body,
        };
        return (request, response.Task);
    }

    public void OnMessage(Connection connection, Message message)
    {
        if (message.Direction == MessageDirection.Response && _pending.TryRemove(message.CorrelationId, out var waiting))
        {
            waiting.TrySetResult(message);
        }
        else
        {
            Interlocked.Increment(ref _unmatched);
        }
    }
}
