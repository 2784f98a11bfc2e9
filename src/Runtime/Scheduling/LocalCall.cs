using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Scheduling;

/// <summary>A queued local request and the promise its caller awaits (void methods).</summary>
internal sealed class LocalCall(Request request) : ActivationWorkItem
{
    private readonly TaskCompletionSource _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Request Request { get; } = request;

    public override bool IsReadOnly => Request.IsReadOnly;

    public override bool IsAlwaysInterleave => Request.IsAlwaysInterleave;

    public override bool KeepsAlive => true;

    public override bool CanForward => true;

    public Task Task => _promise.Task;

    public override Task Start(object grainInstance)
    {
        RequestContext.Restore(Request.Context);
        return Request.Invoke(grainInstance);
    }

    public override void Complete(Task completed)
    {
        if (completed.IsFaulted)
        {
            _promise.TrySetException(completed.Exception!.InnerException ?? completed.Exception);
        }
        else if (completed.IsCanceled)
        {
            _promise.TrySetCanceled();
        }
        else
        {
            _promise.TrySetResult();
        }
    }

    public override void Reject(Exception reason) => _promise.TrySetException(reason);
}

/// <summary>A queued local request with a result.</summary>
internal sealed class LocalCall<TResult>(Request<TResult> request) : ActivationWorkItem
{
    private readonly TaskCompletionSource<TResult> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Request<TResult> Request { get; } = request;

    public override bool IsReadOnly => Request.IsReadOnly;

    public override bool IsAlwaysInterleave => Request.IsAlwaysInterleave;

    public override bool KeepsAlive => true;

    public override bool CanForward => true;

    public Task<TResult> Task => _promise.Task;

    public override Task Start(object grainInstance)
    {
        RequestContext.Restore(Request.Context);
        return Request.InvokeTyped(grainInstance);
    }

    public override void Complete(Task completed)
    {
        if (completed.IsFaulted)
        {
            _promise.TrySetException(completed.Exception!.InnerException ?? completed.Exception);
        }
        else if (completed.IsCanceled)
        {
            _promise.TrySetCanceled();
        }
        else
        {
            try
            {
                _promise.TrySetResult(((Task<TResult>)Request.CopyResult(completed)).Result);
            }
            catch (Exception ex)
            {
                _promise.TrySetException(ex);
            }
        }
    }

    public override void Reject(Exception reason) => _promise.TrySetException(reason);
}
