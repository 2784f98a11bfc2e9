using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Scheduling;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Messaging;

/// <summary>A request that arrived over the wire: runs on the activation like a local call, and answers on its connection.</summary>
internal sealed class RemoteCall(Request request, Message message, Connection connection, Diagnostics.RuntimeInstruments? instruments = null) : ActivationWorkItem
{
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public override bool IsReadOnly => request.IsReadOnly;

    public override bool IsAlwaysInterleave => request.IsAlwaysInterleave;

    public override bool KeepsAlive => true;

    public override bool CanForward => true;

    public override Task Start(object grainInstance)
    {
        RequestContext.Restore(request.Context);
        return request.Invoke(grainInstance);
    }

    public override void Complete(Task completed)
    {
        instruments?.GrainCallCompleted(
            message.TargetGrain.Type,
            request.MethodName,
            completed.IsCompletedSuccessfully ? Diagnostics.CallOutcome.Success : completed.IsCanceled ? Diagnostics.CallOutcome.Canceled : Diagnostics.CallOutcome.Failure,
            System.Diagnostics.Stopwatch.GetElapsedTime(_started));
        if (completed.IsCompletedSuccessfully)
        {
            Respond(ResponseKind.Success, completed, null);
        }
        else
        {
            Respond(ResponseKind.Exception, null, completed.Exception?.InnerException ?? new TaskCanceledException($"{request.MethodName} was canceled."));
        }
    }

    public override void Reject(Exception reason)
    {
        if (reason is GrainMovedException)
        {
            Send(Message.CreateRejection(message, RejectionReason.NotOwner));
            return;
        }

        Respond(ResponseKind.Exception, null, reason);
    }

    /// <summary>Answers a request with an exception (used before the request reaches an activation, too).</summary>
    public static void RespondWithException(Connection connection, Message message, Exception exception) =>
        SendOn(connection, Message.CreateResponse(message, ResponseKind.Exception, Encode(null, null, exception)));

    private void Respond(ResponseKind kind, Task? completed, Exception? exception)
    {
        if (message.Direction == MessageDirection.OneWay)
        {
            return;
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = Encode(request, completed, exception);
        }
        catch (Exception ex)
        {
            // A result that cannot be serialized still gets an answer: the reason it failed.
            kind = ResponseKind.Exception;
            body = Encode(null, null, new InvalidOperationException($"The result of {request.MethodName} could not be serialized: {ex.Message}"));
        }

        Send(Message.CreateResponse(message, kind, body));
    }

    private void Send(Message response) => SendOn(connection, response);

    private static void SendOn(Connection connection, Message response)
    {
        if (!connection.TrySend(response))
        {
            // Queue full: wait for room instead of dropping the answer; a closed connection drops it (the caller sees the close).
            _ = connection.SendAsync(response).AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private static ReadOnlyMemory<byte> Encode(Request? request, Task? completed, Exception? exception)
    {
        var writer = new Writer(128);
        try
        {
            if (exception is not null)
            {
                writer.WriteField(0, exception);
            }
            else
            {
                request!.WriteResult(ref writer, completed!);
            }

            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
